"""Entities: name mentions grouped into one canonical entity per actor per article.

Mentions are one actor when:
- their name keys are equal (names.py: case, accents, "the", dots, "Mr",
  transliteration variants such as Andriy/Andrii all ignored);
- one is an acronym of the other ("IRC", "International Refugee Council");
- one is the other without a qualifier ("Refugee Council" beside
  "UN Refugee Council") or is the tail of its "of" phrase ("Interior"
  beside "US Department of the Interior");
- one is the surname (or first name) of exactly one person named in full.
  When two people share it ("Anna Berg", "Lukas Berg") the surname alone is
  ambiguous and stays an entity of its own, unless one of them is named in
  full three times as often as the others. A courtesy title or gendered role
  at a mention ("Mr", "Mrs", "the first lady") keeps it from a bearer of the
  other gender: "Mr. Berg" never joins "Anna Berg", and beside a couple "Mr.
  Berg" and "Mrs. Berg" go one to each;
- one is the other without a middle name ("Anna Berg", "Anna Maria Berg").
A bare surname the model tagged as an organization joins the person too: the
full name is the evidence of its type. A place joins only if it is never
written where places are ("in Washington" beside "George Washington" is the
city); groups never do.

An entity's type is the weighted vote of its mentions (mentions.py weighs a
contextual cue above the model's label), so a name tagged PERSON in most
mentions is a person in all of them.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from dataclasses import replace
from typing import Iterable

from newsflow_shared.events import Entity, EntityType, Mention

from newsflow_enrich.discourse import Layout
from newsflow_enrich.mentions import TypedMention, mentions_from_doc
from newsflow_shared.names import (
    acronym_letters,
    first_name_key,
    initials,
    is_acronym,
    name_key,
    normalise_name,
    surname_key,
    without_article,
)
from spacy.tokens import Doc

__all__ = ["TypedMention", "entities_from_doc", "entity_id", "group_mentions", "normalise_name"]

# Types a bare surname may carry and still be the surname of a person named in full.
_SURNAME_TYPES = frozenset({"person", "organization"})
# Types whose names may be acronyms of, or qualified forms of, one another.
_NAMED_BODY_TYPES = frozenset({"organization", "place"})
# How many times more often one bearer of a shared surname must be named in full to own the bare surname.
_DOMINANCE = 3
_TYPE_PREFERENCE: dict[str, int] = {"person": 0, "organization": 1, "place": 2, "group": 3, "other": 4}


def entities_from_doc(doc: Doc, layout: Layout | None = None, *, excluded_names: Iterable[str] = ()) -> list[Entity]:
    """The article's entities; names in `excluded_names` (bylines, photographers) are not actors."""
    excluded = {name_key(name) for name in excluded_names}
    entities = group_mentions(mentions_from_doc(doc, layout))
    return [entity for entity in entities if name_key(entity.name) not in excluded]


def entity_id(entity_type: EntityType, canonical_name: str) -> str:
    """A content-derived id: the same actor named the same way gets the same id in every article.

    No registry or database is needed to agree on it, so any enrich replica (or
    a re-run of an old article) produces the id the store already has. The key
    folds transliteration variants, so "Andrii Kovalenko" and "Andriy Kovalenko" get
    one id. The type is part of it so that Washington the place and Washington
    the person differ.
    """
    digest = hashlib.sha1(f"{entity_type}:{name_key(canonical_name)}".encode("utf-8")).hexdigest()
    return "ent_" + digest[:16]


def group_mentions(mentions: list[TypedMention]) -> list[Entity]:
    """One entity per actor, in order of first mention."""
    groups: dict[str, list[TypedMention]] = defaultdict(list)
    for mention in mentions:
        key = name_key(mention.form)
        if key:
            groups[key].append(mention)
    _merge_acronyms(groups)
    _merge_qualified_names(groups)
    _merge_short_person_names(groups)
    entities = [_entity_of(group) for group in groups.values()]
    return sorted(entities, key=lambda entity: entity.mentions[0].start)


def majority_type(group: list[TypedMention]) -> EntityType:
    votes: Counter[EntityType] = Counter()
    for mention in group:
        votes[mention.type] += mention.weight
    # Ties go to the type a reader would rather be told about: person, then organization, place, group.
    return min(votes, key=lambda t: (-votes[t], _TYPE_PREFERENCE[t]))


def _merge(groups: dict[str, list[TypedMention]], into: str, source: str, *, retype: EntityType | None = None) -> None:
    moved = groups.pop(source)
    groups[into].extend(replace(m, type=retype) if retype else m for m in moved)


def _merge_acronyms(groups: dict[str, list[TypedMention]]) -> None:
    """ "IRC" joins "International Refugee Council", "U.N." joins "United Nations": when exactly one name fits."""
    for key in list(groups):
        group = groups.get(key)
        if group is None or not all(is_acronym(m.form) for m in group):
            continue
        letters = acronym_letters(group[0].form)
        expansions = [
            other
            for other, members in groups.items()
            if other != key
            and majority_type(members) in _NAMED_BODY_TYPES
            and any(not is_acronym(m.form) and initials(m.form) == letters for m in members)
        ]
        if len(expansions) == 1:
            _merge(groups, expansions[0], key)


def _merge_qualified_names(groups: dict[str, list[TypedMention]]) -> None:
    """ "Refugee Council" joins "UN Refugee Council"; "Interior" joins "Department of the Interior"."""
    # Each group's type, kept current as groups merge: worked out afresh for every pair, it made an
    # article of thousands of names cost time in the square of their number.
    types = {key: majority_type(members) for key, members in groups.items()}
    for key in sorted(groups, key=len):
        if key not in groups or types[key] != "organization":
            continue
        fuller = [
            other
            for other in groups
            if other != key
            and types[other] == "organization"
            and (
                other.endswith(" " + key) and len(other.split()) - len(key.split()) <= 2
                or other.endswith((" of " + key, " of the " + key))
            )
        ]
        if len(fuller) == 1:
            _merge(groups, fuller[0], key)
            types[fuller[0]] = majority_type(groups[fuller[0]])
            del types[key]


def _merge_short_person_names(groups: dict[str, list[TypedMention]]) -> None:
    full_names = [key for key, group in groups.items() if " " in key and majority_type(group) == "person"]
    # "Miss Universe Alicia Ortega" beside "Alicia Ortega": a word before a full name rarely makes another person.
    for key in sorted(full_names, key=len):
        longer = [other for other in full_names if other != key and other.endswith(" " + key) and other in groups]
        for other in longer if key in groups else []:
            _merge(groups, key, other)
    full_names = [key for key in full_names if key in groups]
    _merge_middle_names(groups, full_names)
    full_names = [key for key in full_names if key in groups]
    genders = {name: _gender_of(groups[name]) for name in full_names}
    for key in [key for key, group in groups.items() if " " not in key and _may_be_a_surname(group)]:
        bearers = [name for name in full_names if surname_key(name) == key]
        by_first_name = [name for name in full_names if first_name_key(name) == key]
        if bearers:
            _merge_surname(groups, key, bearers, genders)
        elif len(by_first_name) == 1 and majority_type(groups[key]) == "person":
            _merge(groups, by_first_name[0], key)


def _merge_middle_names(groups: dict[str, list[TypedMention]], full_names: list[str]) -> None:
    """ "Hillary Clinton" joins "Hillary Rodham Clinton": the same first and last name, one with a middle name.

    Left apart, the two would share the bare surname and make it ambiguous.
    """
    for key in [name for name in full_names if len(name.split()) == 2]:
        first, last = key.split()
        fuller = [
            other for other in full_names
            if other != key and other in groups and len(other.split()) > 2 and other.split()[0] == first and other.split()[-1] == last
        ]
        if len(fuller) == 1 and key in groups:
            _merge(groups, fuller[0], key)


def _merge_surname(groups: dict[str, list[TypedMention]], key: str, bearers: list[str], genders: dict[str, str | None]) -> None:
    """The bare surname joins the one bearer it can be; "Mr X" never joins a woman, nor "Mrs X" a man.

    Where "Mr X" and "Mrs X" both occur beside two bearers (a couple), each goes
    to the bearer of its gender, the more frequent form first: once it has
    taken the dominant bearer, the other form can only be the other one.
    """
    by_gender: dict[str | None, list[TypedMention]] = defaultdict(list)
    for mention in groups[key]:
        by_gender[mention.gender].append(mention)
    gendered = sorted((g for g in by_gender if g is not None), key=lambda g: -len(by_gender[g]))
    if len(gendered) <= 1:
        # One gender or none: the neutral mentions ("X said") are the same person as the titled ones.
        gender = gendered[0] if gendered else None
        chosen = _dominant(_compatible(bearers, gender, genders), groups)
        if len(chosen) == 1:
            _merge(groups, chosen[0], key, retype="person")
        return
    for gender in gendered:
        chosen = _dominant(_compatible(bearers, gender, genders), groups)
        if len(chosen) == 1:
            groups[chosen[0]].extend(replace(m, type="person") for m in by_gender[gender])
            groups[key] = [m for m in groups[key] if m.gender != gender]
            genders[chosen[0]] = gender
    # Untitled mentions ("X said") go where they always did: to a bearer named far more often than the rest.
    neutral = _dominant(bearers, groups)
    if len(neutral) == 1 and groups[key] and all(m.gender in (None, genders.get(neutral[0])) for m in groups[key]):
        _merge(groups, neutral[0], key, retype="person")
    elif not groups[key]:
        del groups[key]


def _compatible(bearers: list[str], gender: str | None, genders: dict[str, str | None]) -> list[str]:
    """The bearers a mention of `gender` can be: those known to be of it, else those of no known gender."""
    if gender is None:
        return bearers
    known = [name for name in bearers if genders.get(name) == gender]
    return known or [name for name in bearers if genders.get(name) is None]


def _gender_of(group: list[TypedMention]) -> str | None:
    """The one gender a group's mentions give, if they give exactly one."""
    found = {m.gender for m in group} - {None}
    return found.pop() if len(found) == 1 else None


def _dominant(names: list[str], groups: dict[str, list[TypedMention]]) -> list[str]:
    """Of people sharing a surname, the one named far more often than all the others, if any.

    An article about one politician that mentions a relative in passing means
    the politician by the bare surname.
    """
    if len(names) < 2:
        return names
    counts = sorted(((len(groups[name]), name) for name in names), reverse=True)
    top, rest = counts[0][0], sum(count for count, _ in counts[1:])
    return [counts[0][1]] if top >= _DOMINANCE * rest else names


def _may_be_a_surname(group: list[TypedMention]) -> bool:
    """Tagged person or organization, or a place never written where places are ("attacked Ortega")."""
    entity_type = majority_type(group)
    return entity_type in _SURNAME_TYPES or (entity_type == "place" and not any(m.after_locative for m in group))


def _entity_of(group: list[TypedMention]) -> Entity:
    group = sorted(group, key=lambda m: m.start)
    entity_type = majority_type(group)
    forms = Counter(m.form for m in group)
    canonical = without_article(_canonical_form(forms, entity_type))
    courtesy_forms = [f"{m.courtesy} {m.form}" for m in group if m.courtesy and entity_type == "person"]
    return Entity(
        id=entity_id(entity_type, canonical),
        name=canonical,
        type=entity_type,
        aliases=list(dict.fromkeys(form for form in [*forms, *courtesy_forms] if form != canonical)),
        mentions=[Mention(start=m.start, end=m.end, text=m.text) for m in group],
    )


def _canonical_form(forms: Counter[str], entity_type: EntityType) -> str:
    """The form that says the most: a name over an acronym, the full name over a part, then the most frequent.

    A person's full name is the most frequent form of two words or more: the
    model sometimes takes a word before a name into it ("Universe Jane Roe").
    """
    order = list(forms)

    def says(form: str) -> tuple:
        words = len(without_article(form).split())
        if entity_type == "person":
            return (words > 1, forms[form], words, -order.index(form))
        return (not is_acronym(form), words, forms[form], -order.index(form))

    return max(order, key=says)


def merge_same_id(entities: list[Entity]) -> list[Entity]:
    """One entity per id: later steps (a surname completed from the headline) can make two the same actor."""
    merged: dict[str, Entity] = {}
    for entity in entities:
        kept = merged.get(entity.id)
        if kept is None:
            merged[entity.id] = entity
            continue
        mentions = {(m.start, m.end): m for m in [*kept.mentions, *entity.mentions]}
        merged[entity.id] = kept.model_copy(update={
            "aliases": _unique([*kept.aliases, *entity.aliases, entity.name], exclude=kept.name),
            "titles": _unique([*kept.titles, *entity.titles]),
            "mentions": sorted(mentions.values(), key=lambda m: (m.start, m.end)),
        })
    return list(merged.values())


def _unique(values: list[str], exclude: str | None = None) -> list[str]:
    seen, out = {exclude}, []
    for value in values:
        if value not in seen:
            seen.add(value)
            out.append(value)
    return out
