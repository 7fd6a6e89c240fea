"""When two reported quotes are one statement: the pure rules."""

from __future__ import annotations

import itertools

import pytest

from newsflow_store.text_match import (
    QuoteText,
    Speaker,
    anchor_term,
    hits_needed,
    misses_allowed,
    normalize_quote,
    probe_size,
    similarity,
    speaker_name,
    speakers_agree,
)

FULL = "\u201cWe owe the islanders a reliable crossing, and we will deliver it before summer,\u201d"


def test_normalizing_folds_case_marks_punctuation_apostrophes_and_spacing():
    assert normalize_quote(FULL) == "we owe the islanders a reliable crossing and we will deliver it before summer"
    assert normalize_quote("  \u2018Don\u2019t  PANIC\u2026\u2019 ") == "dont panic"
    assert normalize_quote('"don\'t panic..."') == "dont panic"
    assert normalize_quote("\uff37e\u00a0owe") == "we owe"  # NFKC: full-width letters, no-break space


@pytest.mark.parametrize(
    "other",
    [
        '"We owe the islanders a reliable crossing and we will deliver it before summer."',  # marks, commas
        "We owe islanders a reliable crossing - and we will deliver it before summer",  # a word dropped
        "a reliable crossing, and we will deliver it before summer",  # a partial quote
    ],
)
def test_variants_of_one_quote_match(other):
    score = similarity(QuoteText.of(FULL), QuoteText.of(other))
    assert score is not None and score >= 0.8
    assert similarity(QuoteText.of(other), QuoteText.of(FULL)) == score  # symmetric


@pytest.mark.parametrize(
    "other",
    [
        "We owe the islanders nothing, and we will deliver nothing before the vote",  # shares words, says else
        "a reliable crossing",  # too short to prove anything by containment
        "We will deliver it before summer, the minister added, but not a reliable crossing",
    ],
)
def test_other_quotes_do_not(other):
    assert similarity(QuoteText.of(FULL), QuoteText.of(other)) is None


def test_short_quotes_match_only_exactly():
    assert similarity(QuoteText.of('"No comment,"'), QuoteText.of("No comment.")) == 1.0
    assert similarity(QuoteText.of("No comment at all"), QuoteText.of("No comment")) is None


def test_the_probe_covers_every_statement_a_quote_can_match():
    """Prefix filtering: of ANY k terms of a quote, every quote it matches by overlap has hits_needed(k) of them."""
    quote = QuoteText.of(FULL)  # 14 distinct words: a match may lack at most 2 of them
    assert misses_allowed(quote) == 2
    assert probe_size(quote) == 5 and hits_needed(quote, 5) == 3
    words = quote.normalized.split()
    variants = [" ".join(w for w in words if w not in dropped) + " " + " ".join(added)
                for dropped in itertools.combinations(sorted(quote.terms), 2)
                for added in ([], ["today"], ["today", "really"])]
    matching = [QuoteText.of(v) for v in variants if (similarity(quote, QuoteText.of(v)) or 0) >= 0.8]
    assert len(matching) > 10  # the property is exercised, not vacuous
    for size in range(1, probe_size(quote) + 1):
        for variant in matching:
            for probe in itertools.combinations(sorted(quote.terms), size):
                assert len(set(probe) & variant.terms) >= hits_needed(quote, size) or size <= misses_allowed(quote)


def test_a_quote_sharing_a_term_or_two_by_chance_falls_short_of_the_hits_a_match_needs():
    quote = QuoteText.of(FULL)
    other = QuoteText.of("The islanders want the reliable old timetable back, a councillor told the meeting")
    assert similarity(quote, other) is None
    probe = sorted(quote.terms)[: probe_size(quote)]
    assert len(set(probe) & other.terms) < hits_needed(quote, len(probe))


def test_a_fragment_is_found_through_its_anchor():
    fragment = QuoteText.of("a reliable crossing, and we will deliver it before summer")
    assert anchor_term(fragment) in QuoteText.of(FULL).terms
    assert anchor_term(QuoteText.of("it is what it is")) is None  # only common words: no anchor


@pytest.mark.parametrize(
    ("mention", "name"),
    [("Harbour Minister Ana Sousa", "sousa"), ("Minister Sousa", "sousa"), ("he", None),
     ("a ferry captain", None), (None, None), ("The Island Ferry Company", "company")],
)
def test_speaker_names_are_the_last_capitalized_word(mention, name):
    assert speaker_name(mention) == name


def test_speakers_agree_by_actor_else_by_name_else_only_on_a_long_quote():
    sousa, matos = Speaker("person-ana-sousa", "Sousa"), Speaker("person-rui-matos", "Matos")
    assert speakers_agree(sousa, sousa, long_quote=False)
    assert not speakers_agree(sousa, matos, long_quote=True)
    assert speakers_agree(sousa, Speaker(None, "Minister Sousa"), long_quote=False)
    assert not speakers_agree(sousa, Speaker(None, "Mayor Lind"), long_quote=True)
    assert speakers_agree(sousa, Speaker(None, "she"), long_quote=True)
    assert not speakers_agree(sousa, Speaker(None, "a ferry captain"), long_quote=False)
