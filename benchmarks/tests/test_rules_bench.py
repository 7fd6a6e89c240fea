"""benchmarks.rules' scoring per rule, on a tiny split written here, with the PolNeAR scorer (fast)."""

import pytest

from benchmarks.rules import headline, per_rule, render, render_headline, scorer

TEXT = ('The harbour will close in May, the mayor said. "We have no money left," said Ines Varga. '
        'The weather was fine.')


def brat(text: str, content: str, source: str, n: int) -> str:
    c, s = text.index(content), text.index(source)
    return (f"T{2 * n - 1}\tContent {c} {c + len(content)}\t{content}\n"
            f"T{2 * n}\tSource {s} {s + len(source)}\t{source}\n"
            f"E{n}\tContent:T{2 * n - 1} Source:T{2 * n}\n")


@pytest.fixture
def score():
    module = scorer()
    if module is None:
        pytest.skip("needs ../shared/tools/score_polnear.py beside the repository")
    return module


def split_of(folder, text: str, annotation: str):
    """A split of one text and its annotation, as PolNeAR lays it out; the text's path."""
    (folder / "text").mkdir()
    (folder / "attributions").mkdir()
    (folder / "attributions" / "story_1.ann").write_text(annotation)
    text_file = folder / "text" / "story.txt"
    text_file.write_text(text)
    return text_file


def test_quotes_and_speakers_are_counted_per_rule(score, tmp_path):
    text_file = split_of(tmp_path, TEXT, brat(TEXT, "The harbour will close in May", "the mayor", 1)
                         + brat(TEXT, "We have no money left", "Ines Varga", 2))
    entities = [{"id": "e1", "name": "Ines Varga", "aliases": []}, {"id": "e2", "name": "Tom Reed", "aliases": []}]
    quotes = [
        {"text": "The harbour will close in May", "found_by": "complement-clause", "speaker_by": "complement-clause",
         "speaker": "the mayor", "actor_id": None},
        {"text": "We have no money left", "found_by": "quote-marks", "speaker_by": "cue-subject",
         "speaker": "Tom Reed", "actor_id": "e2"},  # the wrong speaker
        {"text": "The weather was fine", "found_by": "quote-marks", "speaker_by": None, "speaker": None},  # spurious
    ]
    counts = per_rule(score, tmp_path, [text_file], [{"body": TEXT, "quotes": quotes, "entities": entities}])

    assert counts["found_by/quote-marks"] == {"quotes": 2, "correct": 1}
    assert counts["found_by/complement-clause"] == {"quotes": 1, "correct": 1}
    assert counts["speaker_by/cue-subject"] == {"named": 1, "right": 0}  # Ines Varga said it, not Tom Reed
    assert "speaker_by/complement-clause" not in counts  # "the mayor" names no one
    assert "quote-marks" in render(counts)


def test_headline_attributions_are_scored_against_the_gold_of_the_first_line(score, tmp_path):
    title = "Varga: The harbour will close in May"
    text = title + "\n\n" + TEXT
    text_file = split_of(tmp_path, text, brat(text, "The harbour will close in May", "Varga", 1)
                         + brat(text, "We have no money left", "Ines Varga", 2))
    entities = [{"id": "e1", "name": "Ines Varga", "aliases": []}]
    title_quotes = [
        {"text": "The harbour will close in May", "speaker": "Varga", "actor_id": "e1"},
        {"text": "The weather was fine", "speaker": "Tom Reed", "actor_id": None},  # spurious
    ]
    prediction = {"metadata": {"title": title}, "body": TEXT, "quotes": [], "title_quotes": title_quotes,
                  "entities": entities}
    counts = headline(score, tmp_path, [text_file], [prediction])

    # The body's gold attribution ("We have no money left") is not a headline's.
    assert counts == {"gold": 1, "found": 1, "predicted": 2, "correct": 1, "named": 1, "right": 1}
    assert "recall 1.000" in render_headline(counts) and "precision 0.500" in render_headline(counts)
