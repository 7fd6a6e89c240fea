"""Pairing quotation marks (text only) and the cue lexicon's verb forms."""

import pytest

from newsflow_parse.cues import verb_lemma
from newsflow_parse.quote_marks import find_quoted_spans


def quoted(text):
    return [text[s.start : s.end] for s in find_quoted_spans(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He said "we will win" and left.', ["we will win"]),
        ("He said “we will win” and left.", ["we will win"]),
        ("He said ‘we will win’ and left.", ["we will win"]),
        ("He said 'we will win' and left.", ["we will win"]),
        ("“There is no proof at all.\" He left.", ["There is no proof at all."]),  # curly open, straight close
        ("”Fortunately, we won,” she said.", ["Fortunately, we won"]),  # a backwards opener
        ("He said “it’s ‘really’ fine” and left.", ["it’s ‘really’ fine"]),  # nested single marks stay inside
        ("The Joneses’ house isn’t for sale, it’s said.", []),  # apostrophes
        ("Rock ’n’ roll in the ’90s", []),
        # The NYT's plain-text double marks, with a quote in single marks inside.
        ("''We are ready,'' he said. ''The sign read 'Closed.' ''", ["We are ready", "The sign read 'Closed.'"]),
        ("He called it ``a disgrace.''", ["a disgrace."]),
    ],
)
def test_marks_pair_by_style(text, expected):
    assert quoted(text) == expected


def test_a_straight_mark_opening_again_ends_the_quote_it_interrupts():
    text = 'She said: "We doubled it. "We will double it again." Then she left.'

    spans = find_quoted_spans(text)

    assert quoted(text) == ["We doubled it.", "We will double it again."]
    assert [s.closed for s in spans] == [False, True]


def test_a_quote_runs_on_only_into_a_paragraph_that_reopens_it():
    text = "“We found rust.\n\n“And more rust,” she said.\n\n“Unclosed and never reopened\n\nPlain text follows."

    spans = find_quoted_spans(text)

    assert quoted(text) == ["We found rust.", "And more rust"]
    assert [(s.closed, s.continued) for s in spans] == [(False, False), (True, True)]


def test_an_unbalanced_mark_pairs_with_nothing_across_paragraphs():
    assert quoted('"This opens but never closes\n\nAnd this one closes it after all" said Tom.') == []


@pytest.mark.parametrize(
    ("form", "lemma"),
    [("said", "say"), ("says", "say"), ("told", "tell"), ("added", "add"), ("denies", "deny"), ("denied", "deny"),
     ("wrote", "write"), ("Insisting", "insist"), ("according", None), ("table", None)],
)
def test_cue_forms_map_to_their_lemma(form, lemma):
    assert verb_lemma(form) == lemma
