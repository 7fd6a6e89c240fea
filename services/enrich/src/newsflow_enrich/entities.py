"""Entities: spaCy's named-entity mentions, grouped into one entity per actor per article.

Grouping is deliberately plain: mentions whose normalised names are equal are
one actor, and a one-word mention that equals the last word of exactly one
longer person name ("Lavrov" beside "Sergey Lavrov") joins it. When two
longer names share that last word ("Bill Clinton", "Hillary Clinton") the
surname alone is ambiguous and stays an entity of its own.

The small English model often tags a bare surname as an organization, so a
one-word organization mention may join a person too; the full name is the
evidence of its type, so the joined mentions count as person. Places and
groups never do: "Washington" beside "George Washington" is usually the city.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, replace

from newsflow_shared.events import Entity, EntityType, Mention
from spacy.tokens import Doc

LABEL_TYPES: dict[str, EntityType] = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "group",
}
_POSSESSIVE = re.compile(r"['’]s?$")
_EDGE_PUNCTUATION = " .,;:!?'\"“”‘’()[]-–—"
# What the model sometimes takes into a span but never belongs to a name; "." stays ("U.N.").
_SPAN_EDGE_JUNK = " ,;:!?'\"“”‘’()[]-–—"
# Types a bare surname may carry and still be the surname of a person named in full.
_SURNAME_TYPES = frozenset({"person", "organization"})


@dataclass(frozen=True)
class TypedMention:
    start: int
    end: int
    text: str
    type: EntityType


def entities_from_doc(doc: Doc) -> list[Entity]:
    return group_mentions(mentions_from_doc(doc))


def mentions_from_doc(doc: Doc) -> list[TypedMention]:
    """The doc's entity spans of the types newsflow tracks, possessive endings cut off."""
    mentions = []
    for ent in doc.ents:
        entity_type = LABEL_TYPES.get(ent.label_)
        if entity_type is None:
            continue
        start, end = _trimmed_span(doc.text, ent.start_char, ent.end_char)
        if end > start:
            mentions.append(TypedMention(start, end, doc.text[start:end], entity_type))
    return mentions


def _trimmed_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without a possessive ending or stray punctuation at its edges."""
    while start < end and text[start] in _SPAN_EDGE_JUNK:
        start += 1
    while True:
        span = text[start:end]
        shorter = _POSSESSIVE.sub("", span).rstrip(_SPAN_EDGE_JUNK)
        if shorter == span:
            return start, end
        end = start + len(shorter)


def normalise_name(name: str) -> str:
    """The form two mentions of one actor share: case, spacing, quotes, possessive and a leading "the" ignored."""
    name = unicodedata.normalize("NFKC", name).replace("’", "'")
    name = " ".join(name.split()).casefold()
    name = _POSSESSIVE.sub("", name).strip(_EDGE_PUNCTUATION)
    return name.removeprefix("the ")


def entity_id(entity_type: EntityType, canonical_name: str) -> str:
    """A content-derived id: the same actor named the same way gets the same id in every article.

    No registry or database is needed to agree on it, so any enrich replica (or
    a re-run of an old article) produces the id the store already has. The type
    is part of it so that Washington the place and Washington the person differ.
    """
    digest = hashlib.sha1(f"{entity_type}:{normalise_name(canonical_name)}".encode("utf-8")).hexdigest()
    return "ent_" + digest[:16]


def group_mentions(mentions: list[TypedMention]) -> list[Entity]:
    """One entity per actor, in order of first mention."""
    groups: dict[str, list[TypedMention]] = {}
    for mention in mentions:
        key = normalise_name(mention.text)
        if key:
            groups.setdefault(key, []).append(mention)
    _merge_surnames_into_full_names(groups)
    entities = [_entity_of(group) for group in groups.values()]
    return sorted(entities, key=lambda entity: entity.mentions[0].start)


def _merge_surnames_into_full_names(groups: dict[str, list[TypedMention]]) -> None:
    full_names = [key for key, group in groups.items() if " " in key and _majority_type(group) == "person"]
    surnames = [key for key, group in groups.items() if " " not in key and _majority_type(group) in _SURNAME_TYPES]
    for surname in surnames:
        fuller = [name for name in full_names if name.split()[-1] == surname]
        if len(fuller) == 1:
            groups[fuller[0]].extend(replace(m, type="person") for m in groups.pop(surname))


def _majority_type(group: list[TypedMention]) -> EntityType:
    # most_common keeps first-seen order among ties, so a tie goes to the earliest mention's type.
    return Counter(m.type for m in group).most_common(1)[0][0]


def _entity_of(group: list[TypedMention]) -> Entity:
    group = sorted(group, key=lambda m: m.start)
    forms = Counter(" ".join(m.text.split()) for m in group)
    # The longest form says the most (full name over surname); ties go to the most frequent, then the first.
    canonical = max(forms, key=lambda form: (len(form), forms[form]))
    entity_type = _majority_type(group)
    return Entity(
        id=entity_id(entity_type, canonical),
        name=canonical,
        type=entity_type,
        aliases=[form for form in forms if form != canonical],
        mentions=[Mention(start=m.start, end=m.end, text=m.text) for m in group],
    )
