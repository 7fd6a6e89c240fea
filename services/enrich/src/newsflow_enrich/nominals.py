"""Speakers named by a role or a kind of organization: "the minister", "an embassy official", "the ministry".

A role points to the person whose title holds it: the same head noun
("the foreign secretary" -> "UK's foreign secretary"), or a generic one
("official", "officer") sharing a word with the title ("a Kelbian embassy
official" -> "press officer at Kelbia's embassy"). Words are compared on
their first five letters, which is enough to meet a country and its people
("Kelbia"/"Kelbian", "Estonia"/"Estonian").

A definite role ("the minister", "the country's top negotiator") refers back: to the
nearest person with a matching title before it; failing a title, to the
salient person a pronoun there would mean, provided no title of theirs says
otherwise; at the very start of an article, before anyone is named, to the
first person named soon after (a lede: "The foreign minister has denied ...",
then his name). An indefinite one ("a spokesman") introduces someone: the
person named with a matching title just after it, or no one.
"""

from __future__ import annotations

import re

from newsflow_shared.events import Entity, Quote
from newsflow_shared.wordlists import words

from newsflow_enrich.lexicon import (
    DETERMINERS,
    GENDERED_ROLES,
    INDEFINITE_DETERMINERS,
    ORGANIZATION_CONTEXT,
    ORGANIZATION_NAME_HEADS,
    ROLE_NOUNS,
)
from newsflow_enrich.roles import head_role, role_words
from newsflow_enrich.salience import Discourse, most_salient_before

GENERIC_ROLES = words("nominals.generic_roles")
_CATAPHORA_SENTENCES = 5
_INTRODUCTION_SENTENCES = 3
_FALLBACK_SENTENCES = 2
_LATEST_SPEAKER_SENTENCES = 6
# How far back a title may name the person a role points to.
_TITLE_WINDOW_CHARS = 30_000
_STOP_WORDS = DETERMINERS | words("nominals.stop_words")


def resolve_nominal(speaker: str, position: int, quote: Quote, discourse: Discourse) -> str | None:
    head = head_role(speaker)
    if head is None:
        return _organization_nominal(speaker, position, discourse)
    words = _words(speaker)
    indefinite = bool(words) and words[0] in INDEFINITE_DETERMINERS
    gender = GENDERED_ROLES.get(head)
    people = {
        e.id: e
        for e in discourse.entities
        if e.type == "person" and (gender is None or discourse.genders.get(e.id, gender) == gender)
    }
    # "Sokolov's spokesman" is someone other than Sokolov, and only a title can say who.
    possessors = _people_possessing(quote, discourse)
    people = {pid: person for pid, person in people.items() if pid not in possessors}
    scores = {pid: title_match(speaker, person.titles) for pid, person in people.items()}
    # The best fit wins over a nearer, weaker one: "the foreign minister" is not the interior minister.
    best_score = max(scores.values(), default=0)
    matching = {pid for pid, score in scores.items() if score == best_score > 0}
    before = _nearest_before(position, matching, discourse)
    after = _first_after(position, matching, discourse, _INTRODUCTION_SENTENCES)
    if indefinite:
        return after or before or _lede_introduction(position, people, head, discourse)
    if before or possessors:
        return before
    compatible = {pid for pid, person in people.items() if pid in matching or _no_other_role(person.titles, head)}
    salient = most_salient_before(position, compatible, discourse)
    if salient is not None and _recent_enough(salient, position, compatible, discourse):
        return salient
    if not _anyone_named_before(position, discourse):
        return after or _first_after(position, compatible, discourse, _CATAPHORA_SENTENCES)
    return None


def _lede_introduction(position: int, people: dict[str, Entity], head: str, discourse: Discourse) -> str | None:
    """ "A former party chairman says ... X. 'Quote,' said Jane Roe": a lede's unnamed someone is named next.

    Only before anyone is named, and only in a later sentence: people named in the
    lede's own sentence are what it is about, not who says it.
    """
    if _anyone_named_before(position, discourse):
        return None
    layout = discourse.layout
    next_sentence = layout.sentence_index(position) + 1
    if next_sentence >= len(layout.sentence_starts):
        return None
    compatible = {pid for pid, person in people.items() if _no_other_role(person.titles, head)}
    return _first_after(layout.sentence_starts[next_sentence] - 1, compatible, discourse, _INTRODUCTION_SENTENCES - 1)


def _people_possessing(quote: Quote, discourse: Discourse) -> set[str]:
    if quote.speaker_start is None or quote.speaker_end is None:
        return set()
    text = discourse.layout.text
    by_id = discourse.by_id
    return {
        entity_id
        for start, end, entity_id in discourse.mentions_between(quote.speaker_start, quote.speaker_end)
        if end <= quote.speaker_end and by_id[entity_id].type == "person" and text[end : end + 2] in ("'s", "’s")
    }


def title_match(nominal: str, titles: list[str]) -> int:
    """How well a role mention fits one of a person's titles: 0 for not at all."""
    head = head_role(nominal)
    best = 0
    for title in titles:
        title_roles = set(role_words(title))
        shared = len(_content_stems(nominal) & _content_stems(title))
        if head in title_roles:
            best = max(best, 2 + shared)
        elif head in GENERIC_ROLES and shared >= 1:
            best = max(best, 1 + shared)
    return best


def _no_other_role(titles: list[str], head: str) -> bool:
    """A person whose titles all name other roles ("mayor") is not "the minister"; generic ones do not conflict."""
    return head in GENERIC_ROLES or all(head_role(title) in GENERIC_ROLES for title in titles)


def _organization_nominal(speaker: str, position: int, discourse: Discourse) -> str | None:
    """ "the ministry", "the newspaper": the nearest organization before that is named or described with that word."""
    words = _words(speaker)
    if not words or words[0] in INDEFINITE_DETERMINERS or words[-1] not in ORGANIZATION_CONTEXT | ORGANIZATION_NAME_HEADS:
        return None
    organizations = {e.id: e for e in discourse.entities if e.type == "organization"}
    named_so = {oid for oid, org in organizations.items() if words[-1] in _words(" ".join([org.name, *org.aliases]))}
    text = discourse.layout.text
    described_so = {
        oid
        for oid, org in organizations.items()
        if any(re.match(rf"(?:,\s+(?:a|an|the)(?:\s+[\w-]+){{0,3}}?)?\s+{re.escape(words[-1])}\b", text[m.end : m.end + 60], re.IGNORECASE) for m in org.mentions)
    }
    return _nearest_before(position, named_so | described_so, discourse)


def _nearest_before(position: int, candidates: set[str], discourse: Discourse) -> str | None:
    for start, end, entity_id in reversed(discourse.mentions_between(max(0, position - _TITLE_WINDOW_CHARS), position)):
        if entity_id in candidates and not discourse.layout.is_quoted(start, end):
            return entity_id
    return None


def _first_after(position: int, candidates: set[str], discourse: Discourse, within_sentences: int) -> str | None:
    layout = discourse.layout
    last_sentence = min(layout.sentence_index(position) + within_sentences, len(layout.sentence_starts) - 1)
    for start, end, entity_id in discourse.mentions_between(position + 1, layout.sentence_bounds(last_sentence)[1]):
        if entity_id in candidates and not layout.is_quoted(start, end):
            return entity_id
    return None


def _recent_enough(entity_id: str, position: int, candidates: set[str], discourse: Discourse) -> bool:
    """Without a title to go by, only a clear antecedent: the latest speaker, or the only person just named."""
    layout = discourse.layout
    here = layout.sentence_index(position)

    def mentioned_within(sentences: int) -> set[str]:
        since = layout.sentence_starts[max(0, here - sentences)]
        return {eid for _, _, eid in discourse.mentions_between(since, position) if eid in candidates}

    if entity_id == discourse.latest_speaker:
        return entity_id in mentioned_within(_LATEST_SPEAKER_SENTENCES)
    return mentioned_within(_FALLBACK_SENTENCES) == {entity_id}


def _anyone_named_before(position: int, discourse: Discourse) -> bool:
    return any(discourse.by_id[eid].type == "person" for _, _, eid in discourse.mentions_between(0, position))


def _content_stems(phrase: str) -> set[str]:
    return {w[:5] for w in _words(phrase) if w not in _STOP_WORDS and w not in ROLE_NOUNS and len(w) > 1}


def _words(phrase: str) -> list[str]:
    return [w.strip("'’.").casefold() for w in re.findall(r"[\w'’.-]+", phrase.replace("’s", " ").replace("'s", " "))]
