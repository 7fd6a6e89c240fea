"""Name mentions: spaCy's entity spans, mended and typed by the words around them.

The small English model gets many spans and labels wrong in ways the text
itself shows: "the X newspaper" is an organization whatever the label,
"LGBT" in "LGBT people" describes people, a name alone in quotation marks is
a title of a work, "(AP Photo/Jane Doe)" is a credit and not part of the
story. Each mention carries the type its own context supports and a weight:
a contextual cue outweighs the model's label when an entity's mentions vote
on its type (entities.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from newsflow_shared.events import EntityType
from spacy.tokens import Doc

from newsflow_enrich.discourse import Layout
from newsflow_enrich.lexicon import (
    DESCRIPTIVE_ACRONYM,
    EVENT_NAME_HEADS,
    GENDERED_ROLES,
    HONORIFIC_GENDER,
    ORGANIZATION_CONTEXT,
    ORGANIZATION_NAME_HEADS,
    ROLE_NOUNS,
)
from newsflow_shared.names import (
    ACRONYM_SKIPPED_WORDS,
    HONORIFICS,
    acronym_letters,
    display_form,
    initials,
    is_acronym,
)

LABEL_TYPES: dict[str, EntityType] = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "group",
}
MODEL_WEIGHT = 1
CUE_WEIGHT = 3
_POSSESSIVE = re.compile(r"['’]s?$")
# What the model sometimes takes into a span but never belongs to a name; "." stays ("U.N.").
_SPAN_EDGE_JUNK = " ,;:!?'\"“”‘’()[]-–—/"
_OPENING_QUOTES = "“\"‘'"
_CLOSING_QUOTES = "”\"’'"
_NEXT_WORD = re.compile(r"^\s*([A-Za-z][\w-]*)")
_PREVIOUS_WORD = re.compile(r"([A-Za-z][\w.-]*)\s*$")
_ROLE_OF_BEFORE = re.compile(
    r"\b(?:mayor|governor|president|prime minister|king|queen|ruler|capital|city|people|citizens|residents|state) of\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_LOCATIVE_BEFORE = re.compile(r"\b(?:in|at|from|to|into|near|across|outside|inside|around|of|toward|towards)\s+(?:the\s+)?$", re.IGNORECASE)
_DATELINE_END = re.compile(r"^(?:,[^\n]{0,25})?\s*(?:\([^)\n]{1,30}\)\s*)?[—–-]")
# "X, a watchdog based in ...", "X, the board's chief executive.": an apposition saying what the name is.
# The head is the last word before a comma, a preposition or a relative clause; the words before it
# may be possessives ("the board's").
_DESCRIBED_AS = re.compile(
    r"^,\s+(?:a|an|the)\s+(?:[\w'’-]+\s+){0,3}?([a-z]+)(?=\s*[,.;]|\s+(?:in|of|at|for|on|based|that|which|who|with|founded|set)\b)"
)
# A gendered role noun right beside a name: "first lady Jane Roe", "his wife, Jane Roe", "Jane Roe, his wife,".
_ROLE_WORD_BEFORE = re.compile(r"\b([a-z]+),?\s+$")
_ROLE_WORD_AFTER = re.compile(r"^,\s+(?:(?:the|a|an|his|her|their)\s+)?(?:[a-z-]+\s+){0,2}?([a-z]+)\s*[,.;]")
# "of the Interior", "for Civil Aviation": the rest of an organization's name the model cut off.
_NAME_TAIL = re.compile(r"^ (?:of|for|on) (?:the )?(?:[A-Z][\w&'’-]*)(?: (?:and |of |for |the )?[A-Z][\w&'’-]*)*")


@dataclass(frozen=True)
class TypedMention:
    start: int
    end: int
    text: str
    type: EntityType
    weight: int = MODEL_WEIGHT
    # A courtesy title written before the name ("Mr"), kept out of the span but part of how it was named.
    courtesy: str | None = None
    # Written where a place would be: "in X", "to X", "from X".
    after_locative: bool = False
    # "m" or "f" where the words right at the name say so ("Mr", "first lady"): two people
    # sharing a surname are told apart by it when mentions are grouped.
    gender: str | None = None

    @property
    def form(self) -> str:
        return display_form(self.text)


def mentions_from_doc(doc: Doc, layout: Layout | None = None) -> list[TypedMention]:
    """The doc's entity spans of the types newsflow tracks, mended and typed by context."""
    text = doc.text
    group_singulars = {display_form(ent.text).casefold() for ent in doc.ents if ent.label_ == "NORP"}
    mentions = []
    for ent in doc.ents:
        entity_type = LABEL_TYPES.get(ent.label_)
        if entity_type is None:
            continue
        start, end = _trimmed_span(text, ent.start_char, ent.end_char)
        if entity_type == "person":
            start = _without_leading_titles(text, start, end)
        elif entity_type == "organization":
            end = _with_name_tail(text, start, end)
        if end <= start or (layout is not None and layout.is_credit(start, end)):
            continue
        courtesy = _courtesy_before(text, start)
        mention = TypedMention(
            start,
            end,
            text[start:end],
            entity_type,
            courtesy=courtesy,
            after_locative=bool(_LOCATIVE_BEFORE.search(text[max(0, start - 12) : start])),
            gender=_gender_at(text, start, end, courtesy) if entity_type == "person" else None,
        )
        mentions.append(_typed_by_context(text, mention, group_singulars))
    return _cut_at_known_acronyms(mentions)


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


def _without_leading_titles(text: str, start: int, end: int) -> int:
    """ "Mr Berrick", "Mayor Berrick": the name starts after the courtesy title or role."""
    while True:
        match = re.match(r"([A-Za-z-]+)\.?\s+(?=\S)", text[start:end])
        if not match or match.group(1).casefold() not in HONORIFICS | ROLE_NOUNS:
            return start
        start += match.end()


def _courtesy_before(text: str, start: int) -> str | None:
    match = _PREVIOUS_WORD.search(text[max(0, start - 12) : start])
    if match and match.group(1).rstrip(".").casefold() in HONORIFICS and match.group(1)[0].isupper():
        return match.group(1)
    return None


def _gender_at(text: str, start: int, end: int, courtesy: str | None) -> str | None:
    """The gender the words at the name give: a courtesy title, or a gendered role noun beside it."""
    if courtesy:
        return HONORIFIC_GENDER.get(courtesy.rstrip(".").casefold())
    before = _ROLE_WORD_BEFORE.search(text[max(0, start - 20) : start])
    after = _ROLE_WORD_AFTER.match(text[end : end + 40])
    for match in (before, after):
        if match and match.group(1) in GENDERED_ROLES:
            return GENDERED_ROLES[match.group(1)]
    return None


def _with_name_tail(text: str, start: int, end: int) -> int:
    last_word = text[start:end].split()[-1].casefold()
    if last_word in ORGANIZATION_NAME_HEADS:
        tail = _NAME_TAIL.match(text[end : end + 80])
        if tail:
            return end + len(tail.group().rstrip())
    return end


def _typed_by_context(text: str, mention: TypedMention, group_singulars: set[str]) -> TypedMention:
    typed = _not_an_actor(text, mention, group_singulars) or _actor_type_from_context(text, mention)
    if typed is None:
        return mention
    entity_type, weight = typed
    return replace(mention, type=entity_type, weight=weight)


def _not_an_actor(text: str, mention: TypedMention, group_singulars: set[str]) -> tuple[EntityType, int] | None:
    """Datelines, descriptive acronyms, events, titles of works, plural demonyms."""
    form = mention.form
    words = form.split()
    if _is_dateline(text, mention):
        return "place", CUE_WEIGHT
    if DESCRIPTIVE_ACRONYM.match(form):
        return "group", CUE_WEIGHT  # "LGBT people"
    if len(words) > 1 and words[-1].casefold() in EVENT_NAME_HEADS:
        return "other", CUE_WEIGHT  # "the Kelby Cup"
    if mention.type in ("person", "organization") and _alone_in_quotation_marks(text, mention):
        return "other", CUE_WEIGHT  # the film "Ellery"
    if mention.type != "group" and len(words) == 1 and form.endswith("s") and form[:-1].casefold() in group_singulars:
        return "group", CUE_WEIGHT  # "Estonians" beside "Estonian"
    return None


def _actor_type_from_context(text: str, mention: TypedMention) -> tuple[EntityType, int] | None:
    """Organization, person or place, by the words around the name."""
    words = mention.form.split()
    next_word = _NEXT_WORD.match(text[mention.end : mention.end + 40])
    previous_word = _PREVIOUS_WORD.search(text[max(0, mention.start - 40) : mention.start])
    next_lower = next_word.group(1) if next_word and next_word.group(1).islower() else None
    previous = previous_word.group(1) if previous_word else ""
    described = _DESCRIBED_AS.match(text[mention.end : mention.end + 60])
    described_as = described.group(1).casefold() if described else None
    if mention.type != "group" and (mention.type != "place" or len(words) > 1):
        if ORGANIZATION_CONTEXT & {next_lower, previous if previous.islower() else None, described_as}:
            return "organization", CUE_WEIGHT if len(words) > 1 else CUE_WEIGHT - 1  # "the X newspaper"
        if mention.type != "place" and len(words) > 1 and words[-1][0].isupper() and words[-1].casefold() in ORGANIZATION_NAME_HEADS:
            return "organization", CUE_WEIGHT  # "Civic Watch"
    if mention.type == "person" and _ROLE_OF_BEFORE.search(text[max(0, mention.start - 30) : mention.start]):
        return "place", CUE_WEIGHT - 1  # "the mayor of X"
    if mention.type == "person" and len(words) == 1 and previous in ("the", "a", "an") and next_lower:
        return "other", CUE_WEIGHT - 1  # a name as a modifier: "the Brexit referendum"
    if mention.type == "organization" and not is_acronym(mention.form):
        bare = previous.rstrip(".").casefold()
        titled = bare in HONORIFICS or (bare in ROLE_NOUNS and previous[:1].isupper())
        if titled or described_as in ROLE_NOUNS:
            return "person", CUE_WEIGHT - 1  # "Mayor X", "X, the mayor,"
    return None


def _is_dateline(text: str, mention: TypedMention) -> bool:
    """ "MOSCOW (AP) —", "KELBY, June 3 —": a place in capitals opening a paragraph."""
    at_line_start = mention.start == 0 or text[mention.start - 1] == "\n"
    return at_line_start and mention.text.isupper() and bool(_DATELINE_END.match(text[mention.end : mention.end + 40]))


def _alone_in_quotation_marks(text: str, mention: TypedMention) -> bool:
    before = text[mention.start - 1 : mention.start]
    after = text[mention.end : mention.end + 2].lstrip(",.")[:1]
    return bool(before) and before in _OPENING_QUOTES and bool(after) and after in _CLOSING_QUOTES


def _cut_at_known_acronyms(mentions: list[TypedMention]) -> list[TypedMention]:
    """ "the Baltic Union for Maritime Affairs" beside "BU": the name ends where its acronym does.

    The model sometimes runs an organization's name on into the words after
    it; when the article also uses an acronym, the acronym says where the name
    it stands for ends.
    """
    acronyms = {acronym_letters(m.form) for m in mentions if is_acronym(m.form)}
    if not acronyms:
        return mentions
    mended = []
    for mention in mentions:
        if mention.type == "organization" and initials(mention.form) not in acronyms:
            mention = _cut_before_connector(mention, acronyms)
        mended.append(mention)
    return mended


def _cut_before_connector(mention: TypedMention, acronyms: set[str]) -> TypedMention:
    for connector in re.finditer(r"\s(\w+)\s", mention.text):
        if connector.group(1).casefold() in ACRONYM_SKIPPED_WORDS - {"the"}:
            prefix = mention.text[: connector.start()]
            if len(prefix.split()) > 1 and initials(prefix) in acronyms:
                return replace(mention, end=mention.start + len(prefix), text=prefix)
    return mention
