"""The state of an article's discourse while its speakers are resolved, and who is salient in it.

Salience is what makes a reader take "he" or "the minister" to mean one
person: being mentioned recently (counted in sentences), being the subject
of a sentence (its first name), and being the latest speaker, since reported
speech tends to run on with one voice. Only the last WINDOW_CHARS before a
mention are searched, so that resolution stays linear in the length of very
long bodies.
"""

from __future__ import annotations

import bisect
from typing import AbstractSet, Iterator

from newsflow_shared.events import Entity

from newsflow_enrich.discourse import Layout
from newsflow_shared.names import name_key, surname_key

WINDOW_CHARS = 8_000
_LATEST_SPEAKER_BONUS = 1.0
_SUBJECT_BONUS = 0.5
_PREFERRED_BONUS = 1.0
# Who can be a speaker: the mentions that resolution walks through.
SPEAKER_TYPES = frozenset({"person", "organization"})


class Discourse:
    """What resolution knows of an article, and the speakers resolved so far."""

    def __init__(self, entities: list[Entity], layout: Layout, genders: dict[str, str]):
        self.entities = entities
        self.layout = layout
        self.genders = genders
        self.by_id = {entity.id: entity for entity in entities}
        self.latest_speaker: str | None = None
        # (start, end, entity id): name mentions of every entity, and of people and organizations only.
        self.names = sorted((m.start, m.end, e.id) for e in entities for m in e.mentions)
        self._by_name: dict[str, list[Entity]] = {}
        self._by_surname: dict[str, list[Entity]] = {}
        for entity in entities:
            for key in {name_key(form) for form in [entity.name, *entity.aliases]}:
                self._by_name.setdefault(key, []).append(entity)
            if entity.type == "person":
                self._by_surname.setdefault(surname_key(entity.name), []).append(entity)
        self.mentions: list[tuple[int, int, str]] = []
        self._first_in_sentence: dict[int, int] = {}
        for start, end, entity_id in self.names:
            if self.by_id[entity_id].type in SPEAKER_TYPES:
                self.add_mention(start, end, entity_id)

    def add_mention(self, start: int, end: int, entity_id: str) -> None:
        """A name, or a speaker resolved to the entity, at start..end."""
        bisect.insort(self.mentions, (start, end, entity_id))
        sentence = self.layout.sentence_index(start)
        if start < self._first_in_sentence.get(sentence, start + 1):
            self._first_in_sentence[sentence] = start

    def mentions_between(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """Mentions of people and organizations beginning in start..end, in order."""
        return _between(self.mentions, start, end)

    def names_overlapping(self, start: int, end: int) -> Iterator[tuple[int, int, str]]:
        for mention in _between(self.names, max(0, start - 200), end):
            if mention[1] > start:
                yield mention

    def named(self, key: str) -> list[Entity]:
        """Entities with a name or alias of this key."""
        return self._by_name.get(key, [])

    def with_surname(self, key: str) -> list[Entity]:
        return self._by_surname.get(key, [])

    def is_first_in_sentence(self, start: int) -> bool:
        return self._first_in_sentence.get(self.layout.sentence_index(start)) == start


def _between(items: list[tuple[int, int, str]], start: int, end: int) -> list[tuple[int, int, str]]:
    return items[bisect.bisect_left(items, (start,)) : bisect.bisect_left(items, (end,))]


def most_salient_before(
    position: int, candidates: set[str], discourse: Discourse, preferred: AbstractSet[str] = frozenset()
) -> str | None:
    """The candidate a reader takes a pronoun at `position` to mean: recent, a subject, the latest speaker.

    `preferred` candidates (say, those known to take the pronoun) count as a sentence nearer.
    """
    layout = discourse.layout
    here = layout.sentence_index(position)
    last_mention: dict[str, int] = {}
    for start, end, entity_id in discourse.mentions_between(max(0, position - WINDOW_CHARS), position):
        if entity_id in candidates and not layout.is_quoted(start, end):
            last_mention[entity_id] = start
    best: tuple[float, int, str] | None = None
    for entity_id, start in last_mention.items():
        score = float(here - layout.sentence_index(start))
        if entity_id == discourse.latest_speaker:
            score -= _LATEST_SPEAKER_BONUS
        if discourse.is_first_in_sentence(start):
            score -= _SUBJECT_BONUS
        if entity_id in preferred:
            score -= _PREFERRED_BONUS
        ranked = (score, -start, entity_id)
        if best is None or ranked < best:
            best = ranked
    return best[2] if best else None
