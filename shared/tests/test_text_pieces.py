"""Long texts cut into bounded, contiguous pieces at the best boundary in reach."""

import re

import pytest

from newsflow_shared.text_pieces import split_spans

SENTENCE_END = re.compile(r"[.!?]\s+")


def pieces(text, max_chars, boundary=None):
    spans = list(split_spans(text, 0, len(text), max_chars, *([boundary] if boundary else [])))
    return [text[start:end] for start, end in spans], spans


def test_pieces_are_contiguous_bounded_and_make_the_text():
    text = "Word " * 1000
    parts, spans = pieces(text, 170)
    assert "".join(parts) == text
    assert all(len(part) <= 170 for part in parts)
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:]))


def test_a_piece_ends_at_the_last_boundary_in_its_second_half():
    text = "One short sentence. " + "Then a much longer sentence that runs on and on. " * 4
    parts, _ = pieces(text, 120, SENTENCE_END)
    assert all(part.rstrip().endswith(".") for part in parts[:-1])


def test_without_a_boundary_or_a_space_the_cut_is_at_the_limit():
    parts, _ = pieces("x" * 250, 100)
    assert [len(part) for part in parts] == [100, 100, 50]


def test_a_short_text_is_one_piece_and_an_empty_one_none():
    assert pieces("Short.", 100)[0] == ["Short."]
    assert pieces("", 100)[0] == []


def test_a_span_inside_a_larger_text_keeps_its_offsets():
    text = "HEADER " + "word " * 50 + "FOOTER"
    start, end = 7, 7 + 250
    spans = list(split_spans(text, start, end, 60))
    assert spans[0][0] == start and spans[-1][1] == end


def test_a_limit_below_one_character_is_refused():
    with pytest.raises(ValueError, match="max_chars"):
        list(split_spans("text", 0, 4, 0))
