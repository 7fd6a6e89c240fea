"""One actor across articles: when a surname or an acronym stands for the actor other articles name in full.

Within an article, enrich already merges "Lavrov" into "Sergei Lavrov" and
"NATO" into "North Atlantic Treaty Organization". An article that only ever
says "Lavrov" gives the store a separate entity, with the id of the bare
name. This module decides, from what the store knows of both, whether that
short name is the one full name of its kind:

- the same key: the surname of a person ("lavrov"), the initials of an
  organization ("NATO");
- exactly one full name with that key whose titles do not contradict the short
  name's ("foreign minister" and "senator" do);
- and something else in common: a title, or an actor named in the same
  articles (organizations for a person, people for an organization), or, for
  an acronym of four letters or more, nothing more (the letters are evidence).

Otherwise the short name stays apart: two full names fit ("Clinton"), or one
fits but nothing else connects them. Pure functions; crud/same_actor.py reads
what they need.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsflow_shared.names import GENERATIONAL_SUFFIXES, fold_word, initials, is_acronym, name_key, name_words
from newsflow_shared.wordlists import words

# Words of a title that say nothing about which role it is.
_TITLE_FILLER = words("same_actor.title_filler")
_TITLE_WORD = re.compile(r"[a-z]+")
# An acronym this long rarely spells another organization's initials by chance ("NHS" does:
# Norfolk High School, when the National Health Service is never named in full).
_SELF_EVIDENT_ACRONYM = 4
_ARTICLE = re.compile(r"^(?:the|an|a)\s+", re.IGNORECASE)
# Lower-case words and prefixes a name may hold ("Ursula von der Leyen", "Bashar al-Assad").
_NAME_PARTICLES = words("same_actor.name_particles")
# A part of a name: letters (any script), dots of initials ("W."), an apostrophe only inside it ("O'Neill",
# not the possessive "Nichols'" or "Nichols's").
_NAME_PART = re.compile(r"[^\W\d_](?:[^\W\d_]|\.|['’](?=[^\W\d_]{2}))*")


@dataclass(frozen=True)
class LinkKey:
    key: str  # "person:lavrov", "organization:nato"
    short: bool  # a bare surname or an acronym, which may stand for a full name


def link_key(name: str, entity_type: str) -> LinkKey | None:
    """What a short name shares with the full name it may stand for; None for names that link to nothing.

    Every name of one stored entity has the same name_key (the entity id is a
    hash of it), so the key of an entity never changes with the name articles give it.
    """
    if entity_type == "person":
        words = name_key(name).split()
        if not words or not _looks_like_a_name(name):
            return None
        return LinkKey(f"person:{words[-1]}", short=len(words) == 1)
    if entity_type == "organization":
        # Letters folded as name_key folds them ("IEEE" and "IE", "NATO" and "Nato" are one entity id),
        # so that every name of an entity gives its key. One word may be an acronym written as a word
        # ("Nato", "Unicef"); whether it spells a full name's initials is checked when linking.
        # Mixed-case acronyms ("MoD": "mod", but "Ministry of Defence": "md") do not meet their full names.
        bare = _ARTICLE.sub("", name.strip())
        if is_acronym(bare) or len(name_key(bare).split()) == 1:
            return LinkKey(f"organization:{fold_word(name_key(bare).replace(' ', ''))}", short=True)
        # "IRB Rugby Aid" is not what "IRA" stands for: a name holding an acronym spells nobody's initials.
        if any(is_acronym(word) for word in bare.split()):
            return None
        letters = initials(name_key(bare))
        if len(letters) >= 2:
            return LinkKey(f"organization:{fold_word(letters.lower())}", short=False)
    return None


def _looks_like_a_name(name: str) -> bool:
    """ "Sergei Lavrov", "Jean-Paul O'Neill", "Élisabeth Borne", "Bashar al-Assad"; not what the small NER
    model also calls a person: "Blu-ray", "Mike Nichols' Closer", "pro-Chavez", "ya"."""
    words = name.split()
    return bool(words) and all(_is_name_word(word, first=i == 0) for i, word in enumerate(words))


def _is_name_word(word: str, *, first: bool) -> bool:
    if not first and word in _NAME_PARTICLES:
        return True
    parts = word.split("-")
    if len(parts) > 1 and parts[0] in _NAME_PARTICLES:  # "al-Assad"
        parts = parts[1:]
    return all(_NAME_PART.fullmatch(part) and part[0].isupper() for part in parts)


def surname_as_written(name: str) -> str:
    """The last word of a name, spelled as written (case and accents aside): "Hylton-Potts" is not "Potts",
    nor "Foxx" "Fox", although their keys fold alike."""
    words = ["".join(name_words(_without_particle(word))) for word in name.split()]
    words = [word for word in words if word and word not in GENERATIONAL_SUFFIXES]
    return words[-1] if words else ""


def _without_particle(word: str) -> str:
    """ "al-Assad" is written "Assad" alone."""
    head, _, rest = word.partition("-")
    return rest if rest and head in _NAME_PARTICLES else word


def link_columns(name: str, entity_type: str) -> dict[str, object]:
    """The entities row's link_key and short_name for a name."""
    key = link_key(name, entity_type)
    return {"link_key": key.key if key else None, "short_name": bool(key and key.short)}


@dataclass(frozen=True)
class Known:
    """What the store knows of one entity, across its articles."""

    id: str
    name: str
    type: str
    titles: frozenset[str]
    co_mentioned: frozenset[str]  # ids of the organizations (for a person) or people (for an organization)


@dataclass(frozen=True)
class SameActor:
    short_id: str
    full_id: str
    because: tuple[str, ...]  # the evidence, in words a reader can check


def title_words(titles: frozenset[str]) -> frozenset[str]:
    return frozenset(word for title in titles for word in _TITLE_WORD.findall(title.lower())
                     if word not in _TITLE_FILLER)


def titles_compatible(one: frozenset[str], other: frozenset[str]) -> bool:
    """No titles on one side, or a word of a title in common ("foreign minister" / "Russia's foreign minister")."""
    return not one or not other or bool(title_words(one) & title_words(other))


def full_name_for(short: Known, fulls: list[Known]) -> SameActor | None:
    """The one full name `short` stands for, with why; None when none or several fit."""
    fitting = [full for full in fulls if titles_compatible(short.titles, full.titles) and _spelled_alike(short, full)]
    evidenced = [(full, because) for full in fitting if (because := _evidence(short, full))]
    if len(fitting) == 1 and evidenced:
        full, because = evidenced[0]
    elif len(fitting) > 1 and len(evidenced) == 1 and len(_co_mentioned(short, evidenced[0][0])) >= 2:
        # Several full names fit by title; only one keeps the company the short name keeps, and
        # more than one organization of it (one, such as the BBC, is named with half the people).
        full, because = evidenced[0]
        because = (*because, f"the only one of {len(fitting)} fitting actors named with them")
    else:
        return None
    return SameActor(short.id, full.id, (_same_key(short, full), *because))


def _spelled_alike(short: Known, full: Known) -> bool:
    """Keys fold letters (to match entity ids); a link needs the letters as written ("Nato" as NATO)."""
    if short.type == "person":
        return surname_as_written(short.name) == surname_as_written(full.name)
    return "".join(name_words(_ARTICLE.sub("", short.name))).upper() == initials(_ARTICLE.sub("", full.name))


def _same_key(short: Known, full: Known) -> str:
    if short.type == "organization":
        return f"{short.name} spells the initials of {full.name}"
    return f"{short.name} is the surname of {full.name}"


def _co_mentioned(short: Known, full: Known) -> frozenset[str]:
    return short.co_mentioned & full.co_mentioned


def _evidence(short: Known, full: Known) -> tuple[str, ...]:
    """What else than the key connects them; empty when nothing does."""
    because = []
    shared_titles = sorted(t for t in full.titles if title_words(frozenset({t})) & title_words(short.titles))
    if shared_titles:
        because.append(f"both called {shared_titles[0]!r}")
    shared = _co_mentioned(short, full)
    if shared:
        others = "organization" if short.type == "person" else "person"
        because.append(f"{len(shared)} {others}{'' if len(shared) == 1 else 's'} named with both")
    letters = "".join(name_words(short.name))
    # Written as an acronym ("NATO", not "Nato" or "Kremlin", which may be words that happen to spell one).
    if short.type == "organization" and is_acronym(short.name) and len(letters) >= _SELF_EVIDENT_ACRONYM:
        because.append(f"an acronym of {len(letters)} letters")
    return tuple(because)
