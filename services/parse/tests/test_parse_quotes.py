import pytest

from newsflow_parse.quotes import extract_direct_quotes

BODY = """The harbour bridge in Kelby reopened to traffic on Tuesday after six months of repairs.

"We are delighted to see traffic flowing again," Mayor Tom Berrick said at the ceremony.

Council leader Jane Okafor told reporters: “The repairs came in under budget and ahead of schedule.”

"Some shops lost half their trade during the closure," said Priya Nandi, who runs a bakery near the bridge.

"It was the longest winter of my life," he told reporters. "Nobody asked the shop owners first."

Critics called the bridge a "white elephant" and its new lights "tacky" on social media.

According to the council: "Every contractor was paid on time and in full."
"""


def quote_containing(quotes, fragment):
    matches = [q for q in quotes if fragment in q.text]
    assert len(matches) == 1, f"expected one quote containing {fragment!r}, got {[q.text for q in quotes]}"
    return matches[0]


@pytest.fixture
def quotes():
    return extract_direct_quotes(BODY, "art1")


def test_speaker_after_the_quote(quotes):
    quote = quote_containing(quotes, "delighted")

    assert quote.text == "We are delighted to see traffic flowing again"
    assert (quote.cue, quote.speaker, quote.kind) == ("said", "Mayor Tom Berrick", "direct")


def test_cue_before_the_speaker_after_the_quote(quotes):
    quote = quote_containing(quotes, "half their trade")

    assert (quote.cue, quote.speaker) == ("said", "Priya Nandi")


def test_speaker_before_the_quote_with_a_colon(quotes):
    quote = quote_containing(quotes, "under budget")

    assert quote.text == "The repairs came in under budget and ahead of schedule."
    assert (quote.cue, quote.speaker) == ("told", "Jane Okafor")


def test_pronoun_speaker_and_a_second_quote_in_the_same_paragraph_shares_it(quotes):
    first = quote_containing(quotes, "longest winter")
    second = quote_containing(quotes, "Nobody asked")

    assert (first.cue, first.speaker) == ("told", "he")
    assert (second.cue, second.speaker, second.speaker_start) == ("told", "he", first.speaker_start)


def test_according_to_names_the_speaker_after_the_cue(quotes):
    quote = quote_containing(quotes, "paid on time")

    assert (quote.cue, quote.speaker) == ("According to", "the council")


def test_scare_quotes_of_one_or_two_words_are_not_quotes(quotes):
    texts = [q.text for q in quotes]

    assert not any("white elephant" in t or "tacky" in t for t in texts)
    assert len(quotes) == 6


def test_ids_count_from_one_in_body_order(quotes):
    assert [q.id for q in quotes] == [f"art1-q{n}" for n in range(1, 7)]
    assert [q.start for q in quotes] == sorted(q.start for q in quotes)


def test_every_offset_points_into_the_body(quotes):
    for quote in quotes:
        assert BODY[quote.start : quote.end] == quote.text
        assert BODY[quote.speaker_start : quote.speaker_end] == quote.speaker


def test_a_quote_without_a_cue_has_no_speaker():
    [quote] = extract_direct_quotes('The sign read "closed for the winter season" all week.', "a")

    assert quote.text == "closed for the winter season"
    assert (quote.cue, quote.speaker, quote.speaker_start) == (None, None, None)


def test_quotes_do_not_pair_across_paragraphs():
    body = '"This opens but never closes in this paragraph\n\nAnd this one closes it after all" said Tom.'

    assert extract_direct_quotes(body, "a") == []


@pytest.mark.parametrize(
    "body",
    [
        "",
        '"',
        "“”",
        '""""""',
        '“ “ “ “ one two three',
        '” ” closing marks only ” ”',
        '"an unbalanced quote with several words in it',
        'He said: "three words here" and then "another open one',
        "Он сказал: «это не так», — заявил министр. „Das ist nicht wahr“, sagte er.",
        "Министр заявил: “Мы не видим ни одного конкретного факта”, сказал он.",
        "“a b c” said",
        '"one two three," said',
        "According to",
    ],
)
def test_odd_text_never_raises_and_offsets_stay_valid(body):
    for quote in extract_direct_quotes(body, "a"):
        assert body[quote.start : quote.end] == quote.text
        if quote.speaker is not None:
            assert body[quote.speaker_start : quote.speaker_end] == quote.speaker


def test_non_english_quote_is_found_without_a_speaker():
    body = "Министр заявил: “Мы не видим ни одного конкретного факта”."

    [quote] = extract_direct_quotes(body, "a")

    assert quote.text == "Мы не видим ни одного конкретного факта"
    assert quote.speaker is None


@pytest.mark.parametrize(
    "body",
    [
        BODY * (2_000_000 // len(BODY)),
        '"' + "word said " * 200_000,
        "said " * 400_000,
        '“a b c” said ' * 160_000,
        "“" * 2_000_000,
        ('"' + "x" * 100 + " ") * 20_000,
        "according to " * 160_000 + ':"a b c"',
    ],
    ids=["repeated-article", "unbalanced-open", "cue-words-only", "many-short-quotes", "openers-only", "one-huge-paragraph", "long-lead"],
)
def test_two_megabytes_of_text_completes(body):
    quotes = extract_direct_quotes(body, "big")

    for quote in quotes[:50] + quotes[-50:]:
        assert body[quote.start : quote.end] == quote.text
