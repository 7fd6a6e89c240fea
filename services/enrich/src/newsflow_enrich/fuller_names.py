"""Full names for people the body calls by surname only, from the article's headline and captions.

A story may introduce "Anna Virta" in a photo caption (which parse moves
into metadata) and then say only "Virta" (which the model may even take for
an organization; a role before the name in the caption settles it). The caption's words complete the
name and may give a title ("Finnish Trade Minister"); no entity is made
from a caption alone, since people only pictured are not actors in the story.
"""

from __future__ import annotations

import re

from newsflow_shared.events import Entity
from newsflow_shared.names import HONORIFICS, is_acronym, name_key
from newsflow_shared.wordlists import words

from newsflow_enrich.discourse import layout_of
from newsflow_enrich.entities import entity_id
from newsflow_enrich.lexicon import DETERMINERS, ROLE_NOUNS, TITLE_MODIFIERS
from newsflow_enrich.roles import premodifier_title

_CALENDAR = words("fuller_names.calendar")
_NAME_WORD = re.compile(r"^[A-Z][a-zà-ÿ'’-]+$")


def with_fuller_names(entities: list[Entity], side_texts: list[str]) -> list[Entity]:
    """Surname-only people completed from `side_texts` (headline, captions) where these give a first name."""
    side_texts = [text for text in side_texts if text]
    if not side_texts:
        return entities
    other_forms = {name_key(form) for e in entities if e.type != "person" for form in [e.name, *e.aliases]}
    completed = []
    for entity in entities:
        if entity.type in ("person", "organization") and " " not in entity.name and not is_acronym(entity.name):
            entity = _completed(entity, side_texts, other_forms)
        completed.append(entity)
    return completed


def _completed(person: Entity, side_texts: list[str], other_forms: set[str]) -> Entity:
    surname = person.name
    for text in side_texts:
        for match in re.finditer(rf"(\S+)\s+{re.escape(surname)}\b", text):
            first = match.group(1)
            if not _NAME_WORD.match(first) or _is_not_a_name(first, other_forms):
                continue
            full_name = f"{first} {surname}"
            layout = layout_of(text)
            sentence_start, _ = layout.sentence_bounds(layout.sentence_index(match.start(1)))
            title = premodifier_title(text, sentence_start, match.start(1))
            if person.type != "person" and title is None:
                continue  # a surname the model took for an organization needs a role to be a person
            return person.model_copy(
                update={
                    "id": entity_id("person", full_name),
                    "name": full_name,
                    "type": "person",
                    "aliases": [surname, *(a for a in person.aliases if a != surname)],
                    "titles": [*person.titles, *([title] if title and title not in person.titles else [])],
                }
            )
    return person


def _is_not_a_name(word: str, other_forms: set[str]) -> bool:
    lowered = word.casefold().strip("'’")
    return (
        lowered in ROLE_NOUNS
        or lowered in HONORIFICS
        or lowered in DETERMINERS
        or lowered in TITLE_MODIFIERS
        or lowered in _CALENDAR
        or name_key(word) in other_forms
    )
