"""Resolving each quote's speaker mention (from parse) to one of the article's entities.

Three plain rules, in order:
1. an entity mentioned inside the speaker span ("Mayor Tom Berrick" holds the
   mention "Tom Berrick"); people and organizations first, and a place or group
   only when it is the whole speaker, since "Russia's top diplomat" is not Russia;
2. an entity whose name or alias is the speaker text, or ends with it
   ("Lavrov" -> "Sergey Lavrov");
3. "he"/"she": the person mentioned last before the quote.
Anything else keeps its mention with no actor.
"""

from __future__ import annotations

from newsflow_shared.events import Entity, Quote

from newsflow_enrich.entities import normalise_name

SPEAKING_PRONOUNS = frozenset({"he", "she"})
# Who can be a speaker when only part of the speaker mention names them.
_SPEAKER_TYPE_RANK = {"person": 0, "organization": 1}


def link_speakers(quotes: list[Quote], entities: list[Entity]) -> list[Quote]:
    return [quote.model_copy(update={"actor_id": resolve_speaker(quote, entities)}) for quote in quotes]


def resolve_speaker(quote: Quote, entities: list[Entity]) -> str | None:
    if not quote.speaker:
        return None
    if quote.speaker.strip().casefold() in SPEAKING_PRONOUNS:
        return _last_person_before(min(quote.start, quote.speaker_start or quote.start), entities)
    return _entity_in_speaker_span(quote, entities) or _entity_named(quote.speaker, entities)


def _entity_in_speaker_span(quote: Quote, entities: list[Entity]) -> str | None:
    if quote.speaker_start is None or quote.speaker_end is None:
        return None
    speaker = normalise_name(quote.speaker)
    candidates = []
    for entity in entities:
        for mention in entity.mentions:
            overlap = min(mention.end, quote.speaker_end) - max(mention.start, quote.speaker_start)
            if overlap <= 0:
                continue
            rank = _SPEAKER_TYPE_RANK.get(entity.type)
            if rank is None and normalise_name(mention.text) != speaker:
                continue
            candidates.append((rank if rank is not None else len(_SPEAKER_TYPE_RANK), -overlap, entity.id))
    return min(candidates)[2] if candidates else None


def _entity_named(speaker: str, entities: list[Entity]) -> str | None:
    wanted = normalise_name(speaker)
    if not wanted:
        return None
    matches = [
        entity
        for entity in entities
        if any(name == wanted or name.endswith(" " + wanted) for name in map(normalise_name, [entity.name, *entity.aliases]))
    ]
    matches.sort(key=lambda entity: _SPEAKER_TYPE_RANK.get(entity.type, len(_SPEAKER_TYPE_RANK)))
    return matches[0].id if matches else None


def _last_person_before(offset: int, entities: list[Entity]) -> str | None:
    best: tuple[int, str] | None = None
    for entity in entities:
        if entity.type != "person":
            continue
        for mention in entity.mentions:
            if mention.end <= offset and (best is None or mention.end > best[0]):
                best = (mention.end, entity.id)
    return best[1] if best else None
