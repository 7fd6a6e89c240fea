"""Resolving each quote's speaker mention (from parse) to one of the article's entities.

Quotes are resolved in reading order, so that each resolved speaker becomes a
mention of its entity at the speaker's position: a later "he" can point back
through an earlier "he said" to the name, as a reader's would.

By the shape of the mention:
- a name, or a phrase holding one ("Mayor Tom Berrick", "the IRC"): that entity.
  A name inside the phrase that only modifies it ("the mayor's
  spokesman", "the Berrick campaign"), or that a role's preposition
  attaches ("a spokesman for Kelby Air", "his partner at Kelby Holdings"),
  is not the speaker;
- a name not found at that spot: the entity named so (surname, "Mr X");
- "he"/"she": the nearest person before it in the discourse, outside quoted
  speech, of a compatible gender (gender.py); the latest speaker and the
  subject of a sentence weigh a little more than mere recency;
- "who": the name it follows ("Jane Doe, who said ...");
- a role set off before a name ("His former partner, Tom Wells, said"): that person;
- a role ("the minister", "the country's top negotiator", "an embassy
  official"): the person whose title has that role (nominals.py);
- nothing, or a group ("rights activists", "they"): no actor. A quote with no
  speaker mention that only continues the quote before or after it (a speech
  running over several paragraphs) has that quote's speaker.
"""

from __future__ import annotations

import re

from newsflow_shared.events import Entity, Quote, TitleQuote
from newsflow_shared.names import display_form, name_key
from newsflow_shared.wordlists import words

from newsflow_enrich.discourse import Layout, layout_of
from newsflow_enrich.gender import person_genders
from newsflow_enrich.lexicon import (
    ORGANIZATION_CONTEXT,
    PRONOUN_GENDER,
    RELATIVE_PRONOUNS,
    ROLE_NOUNS,
    SPEAKING_PRONOUNS,
    TITLE_MODIFIERS,
    UNRESOLVABLE_SPEAKERS,
)
from newsflow_enrich.nominals import resolve_nominal
from newsflow_enrich.roles import head_role, is_plural_nominal
from newsflow_enrich.salience import Discourse, most_salient_before

# Who can be a speaker when only part of the speaker mention names them.
_SPEAKER_TYPE_RANK = {"person": 0, "organization": 1}
# Words after a name that do not make it a modifier of a head noun.
_NOT_HEAD_NOUNS = words("speakers.not_head_nouns")
# Prepositions that attach a modifier to a role noun: "partner at X", "spokesman for X".
_MODIFIER_PREPOSITIONS = words("speakers.modifier_prepositions")
_CONTINUATION_GAP = re.compile(r"^[\s\"“”‘’'.,;:…]*$")


def link_speakers(quotes: list[Quote], entities: list[Entity], layout: Layout | None = None, body: str | None = None) -> list[Quote]:
    """The quotes with actor_id set where the speaker resolves; everything else unchanged."""
    if layout is None:
        text = body if body is not None else ""
        layout = layout_of(text, [(q.start, q.end) for q in quotes if q.kind != "indirect"])
    discourse = Discourse(entities, layout, person_genders(entities, layout))
    order = sorted(range(len(quotes)), key=lambda i: _position(quotes[i]))
    actors: dict[int, str | None] = {}
    for i in order:
        actor = resolve_speaker(quotes[i], discourse)
        actors[i] = actor
        if actor is not None:
            discourse.latest_speaker = actor
            start = quotes[i].speaker_start
            if start is not None:
                discourse.add_mention(start, quotes[i].speaker_end or start, actor)
    _inherit_across_continuations(quotes, actors, layout.text)
    return [quote.model_copy(update={"actor_id": actors[i]}) for i, quote in enumerate(quotes)]


def link_title_speakers(quotes: list[TitleQuote], entities: list[Entity]) -> list[TitleQuote]:
    """Headline quotes with actor_id set where the speaker names an entity of the article.

    By name only: a headline has no discourse before it, so a pronoun or a role ("Lawmaker urges …")
    stays unresolved rather than guessed. A source that holds a name ("Obama on Climate Change",
    "Elizabeth Warren Hammers Wells Fargo CEO") resolves to the longest entity name in it.
    """
    discourse = Discourse(entities, layout_of(""), {})
    return [quote.model_copy(update={"actor_id": _title_speaker(quote.speaker, entities, discourse)})
            for quote in quotes]


def _title_speaker(speaker: str | None, entities: list[Entity], discourse: Discourse) -> str | None:
    if not speaker or not speaker.strip():
        return None
    named = _entity_named(" ".join(speaker.split()), discourse)
    if named is not None:
        return named
    words = name_key(display_form(speaker)).split()
    best: tuple[int, int, str] | None = None  # (words matched, type rank, id): the longest name, people first
    for entity in entities:
        for name in (entity.name, *entity.aliases):
            key = name_key(display_form(name)).split()
            if key and _contains(words, key):
                rank = (-len(key), _SPEAKER_TYPE_RANK.get(entity.type, len(_SPEAKER_TYPE_RANK)), entity.id)
                best = min(best, rank) if best else rank
    if best:
        return best[2]
    # "…, health board says": a group nominal standing for the one organization whose name ends in it.
    ends = {entity.id for entity in entities if entity.type == "organization" and _ends_with(entity.name, words)}
    return ends.pop() if len(ends) == 1 else None


def _ends_with(name: str, words: list[str]) -> bool:
    key = name_key(display_form(name)).split()
    return 0 < len(words) < len(key) and key[-len(words):] == words


def _contains(words: list[str], sequence: list[str]) -> bool:
    n = len(sequence)
    return any(words[i:i + n] == sequence for i in range(len(words) - n + 1))


def resolve_speaker(quote: Quote, discourse: Discourse | list[Entity]) -> str | None:
    if isinstance(discourse, list):  # a bare entity list: no text around, names only
        discourse = Discourse(discourse, layout_of(""), {})
    if not quote.speaker or not quote.speaker.strip():
        return None
    speaker = " ".join(quote.speaker.split())
    lowered = speaker.casefold()
    position = quote.speaker_start if quote.speaker_start is not None else quote.start
    if lowered in SPEAKING_PRONOUNS:
        antecedent = _pronoun_antecedent(position, PRONOUN_GENDER[lowered], discourse)
        if antecedent is not None:
            # "he said" of someone the article gave no evidence about is evidence now.
            discourse.genders.setdefault(antecedent, PRONOUN_GENDER[lowered])
        return antecedent
    if lowered in RELATIVE_PRONOUNS:
        return _relative_antecedent(position, lowered, discourse)
    if lowered in UNRESOLVABLE_SPEAKERS:
        return None
    named = _entity_in_speaker_span(quote, discourse) or _entity_named(speaker, discourse)
    if named or is_plural_nominal(speaker):
        return named
    return _apposed_person(quote, discourse) or resolve_nominal(speaker, position, quote, discourse)


def _position(quote: Quote) -> int:
    return quote.speaker_start if quote.speaker_start is not None else quote.start


def _entity_in_speaker_span(quote: Quote, discourse: Discourse) -> str | None:
    if quote.speaker_start is None or quote.speaker_end is None:
        return None
    text = discourse.layout.text
    speaker = name_key(quote.speaker)
    candidates = []
    for start, end, entity_id in discourse.names_overlapping(quote.speaker_start, quote.speaker_end):
        entity = discourse.by_id[entity_id]
        whole = name_key(text[start:end]) == speaker
        rank = _SPEAKER_TYPE_RANK.get(entity.type)
        if rank is None and not whole:
            continue  # "Kelby's treasurer" is not Kelby
        if not whole and _only_modifies(text, end, quote.speaker_end, entity.type):
            continue
        if not whole and _in_modifier_of_role(text[quote.speaker_start : start]):
            continue  # "a spokesman for Kelby Air", "his partner at Kelby Holdings": not Kelby
        candidates.append((rank if rank is not None else len(_SPEAKER_TYPE_RANK), start, entity_id))
    return min(candidates)[2] if candidates else None


def _only_modifies(text: str, name_end: int, speaker_end: int, entity_type: str) -> bool:
    """ "Berrick's spokesman", "the Berrick campaign": the name qualifies the head noun after it.

    "The Harbour Gazette newspaper" is the newspaper named so: an organization's
    name before a noun for what it is remains the speaker.
    """
    rest = text[name_end:speaker_end]
    if re.match(r"['’]s?\b", rest):
        return True
    noun = re.match(r"\s+([a-z]+)", rest)
    if not noun or noun.group(1) in _NOT_HEAD_NOUNS:
        return False  # "Jane Okafor of the Green Party", "Jane Okafor and her aide"
    return not (entity_type == "organization" and noun.group(1) in ORGANIZATION_CONTEXT)


def _in_modifier_of_role(before_name: str) -> bool:
    """The name after this text is the object of a preposition after a role noun: "the partner at X".

    Words of the name's own title are passed over ("a spokeswoman for Mayor X"),
    but not a name's other words ("President of Kelbia Tom Wells" is Tom Wells).
    """
    words = re.findall(r"[\w'’.-]+", before_name)
    while words and (words[-1].casefold().strip(".") in ROLE_NOUNS | TITLE_MODIFIERS):
        words.pop()
    return bool(words) and words[-1].casefold() in _MODIFIER_PREPOSITIONS and head_role(" ".join(words)) is not None


def _apposed_person(quote: Quote, discourse: Discourse) -> str | None:
    """ "His former partner, Tom Wells, said": a role set off by a comma before a name is that person."""
    if quote.speaker_end is None or head_role(quote.speaker or "") is None:
        return None
    text = discourse.layout.text
    comma = re.match(r",\s*", text[quote.speaker_end : quote.speaker_end + 3])
    if not comma:
        return None
    start = quote.speaker_end + comma.end()
    for _, mention_end, entity_id in discourse.mentions_between(start, start + 1):
        if discourse.by_id[entity_id].type == "person" and re.match(r"\s*(?:[,(]|$)", text[mention_end : mention_end + 2]):
            return entity_id
    return None


def _entity_named(speaker: str, discourse: Discourse) -> str | None:
    wanted = name_key(display_form(speaker))
    if not wanted:
        return None
    matches = discourse.named(wanted)
    if not matches and " " not in wanted:
        by_surname = discourse.with_surname(wanted)
        matches = by_surname if len(by_surname) == 1 else []
    matches = sorted(matches, key=lambda entity: _SPEAKER_TYPE_RANK.get(entity.type, len(_SPEAKER_TYPE_RANK)))
    return matches[0].id if matches else None


def _pronoun_antecedent(position: int, gender: str, discourse: Discourse) -> str | None:
    candidates = {
        entity.id
        for entity in discourse.entities
        if entity.type == "person" and discourse.genders.get(entity.id, gender) == gender
    }
    known = {entity_id for entity_id in candidates if entity_id in discourse.genders}
    return most_salient_before(position, candidates, discourse, preferred=known)


def _relative_antecedent(position: int, pronoun: str, discourse: Discourse) -> str | None:
    """ "Jane Doe, the bank's chief, who said ...": the nearest person (for "who") before it in its sentence."""
    wanted = {"person"} if pronoun in ("who", "whom") else {"organization", "person"}
    sentence_start, _ = discourse.layout.sentence_bounds(discourse.layout.sentence_index(position))
    before = [
        (end, entity_id)
        for _, end, entity_id in discourse.mentions_between(sentence_start, position)
        if end <= position and discourse.by_id[entity_id].type in wanted
    ]
    return max(before)[1] if before else None


def _inherit_across_continuations(quotes: list[Quote], actors: dict[int, str | None], text: str) -> None:
    """A quote without a speaker mention that only continues the quote before or after it is theirs.

    One pass forward, then one backward, so that a speech over several
    paragraphs takes its speaker from either end.
    """
    by_start = sorted(range(len(quotes)), key=lambda i: quotes[i].start)
    for sequence in (by_start, by_start[::-1]):
        for previous, i in zip(sequence, sequence[1:]):
            if quotes[i].speaker or actors[i] is not None or actors[previous] is None:
                continue
            first, second = sorted((quotes[previous], quotes[i]), key=lambda q: q.start)
            if _continues(quotes[i], quotes[previous], text, first.end, second.start):
                actors[i] = actors[previous]


def _continues(quote: Quote, neighbour: Quote, text: str, gap_start: int, gap_end: int) -> bool:
    """Only the neighbour's own "he said" between them, or nothing but marks and the quote fills its paragraph."""
    gap = text[gap_start:gap_end]
    if _CONTINUATION_GAP.match(gap):
        return _fills_its_paragraph(quote, text)
    speaker_start = neighbour.speaker_start
    return (
        speaker_start is not None
        and gap_start <= speaker_start < gap_end
        and len(re.findall(r"\w+", gap)) <= 4
    )


def _fills_its_paragraph(quote: Quote, text: str) -> bool:
    paragraph_start = text.rfind("\n", 0, quote.start) + 1
    paragraph_end = text.find("\n", quote.end)
    outside = text[paragraph_start : quote.start] + text[quote.end : paragraph_end if paragraph_end != -1 else len(text)]
    return bool(_CONTINUATION_GAP.match(outside))
