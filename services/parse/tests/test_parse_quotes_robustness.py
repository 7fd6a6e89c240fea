"""Odd input never raises: unbalanced marks, no sentences, other languages, megabytes of text."""

import time

import pytest

from newsflow_parse.quote_nlp import load_nlp
from newsflow_parse.quotes import extract_quotes_batch

ARTICLE = """The harbour bridge in Kelby reopened on Tuesday.

"We are delighted to see traffic flowing again," Mayor Tom Berrick said at the ceremony.

Council leader Jane Okafor told reporters that the repairs had come in under budget.
"""


def assert_offsets_valid(body, quotes):
    for quote in quotes:
        assert body[quote.start : quote.end] == quote.text
        if quote.speaker is not None:
            assert body[quote.speaker_start : quote.speaker_end] == quote.speaker


@pytest.mark.parametrize(
    "body",
    [
        "",
        "   \n\n  ",
        '"',
        "“”",
        '""""""',
        "“ “ “ “ one two three",
        "” ” closing marks only ” ”",
        '"an unbalanced quote with several words in it',
        'He said: "three words here" and then "another open one',
        "“a b c” said",
        '"one two three," said',
        "According to",
        "said: said: said:",
        "— — — said — Smith",
        "12345 67890 %%% $$$ ###",
        "Он сказал: «это не так», — заявил министр. „Das ist nicht wahr“, sagte er.",
        "Министр заявил: “Мы не видим ни одного конкретного факта”, сказал он.",
        "他说：“我们没有看到任何具体事实。”",
        "x" * 5000 + ' "quoted words right here" said Tom',
    ],
)
def test_odd_text_never_raises_and_offsets_stay_valid(body):
    [quotes] = extract_quotes_batch([("a", body)])

    assert_offsets_valid(body, quotes)


def test_a_quote_in_another_language_is_found_without_a_speaker():
    body = "Министр заявил: “Мы не видим ни одного конкретного факта”."

    [quote] = extract_quotes_batch([("a", body)])[0]

    assert quote.text == "Мы не видим ни одного конкретного факта"
    assert quote.kind == "direct"


@pytest.mark.parametrize(
    "body",
    [
        ARTICLE * (2_000_000 // len(ARTICLE)),
        '"' + "word said " * 200_000,
        "said " * 400_000,
        "“a b c d” said " * 130_000,
        "“" * 2_000_000,
        ('"' + "x" * 100 + " ") * 20_000,
        "according to " * 160_000 + ':"a b c"',
    ],
    ids=["repeated-article", "unbalanced-open", "cue-words-only", "many-short-quotes", "openers-only", "one-huge-paragraph", "long-lead"],
)
def test_two_megabytes_of_text_completes_in_bounded_time(body):
    started = time.monotonic()

    [quotes] = extract_quotes_batch([("big", body)])

    assert time.monotonic() - started < 60
    assert_offsets_valid(body, quotes[:50] + quotes[-50:])


def test_a_long_article_is_parsed_only_up_to_its_budget_and_still_yields_its_marked_quotes():
    body = ARTICLE * 2_000  # about 400,000 characters

    [quotes] = extract_quotes_batch([("long", body)])

    direct = [q for q in quotes if q.kind == "direct"]
    assert len(direct) == 2_000  # every quote found by its marks
    assert direct[0].speaker == "Mayor Tom Berrick"
    assert direct[-1].speaker is None  # past the NLP budget: no parse, no speaker


def test_the_model_is_loaded_once_per_process_without_ner_or_lemmatizer():
    nlp = load_nlp()

    assert load_nlp() is nlp
    assert "parser" in nlp.pipe_names and "ner" not in nlp.pipe_names and "lemmatizer" not in nlp.pipe_names
