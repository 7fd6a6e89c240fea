"""Titles and roles of people, read from the words around their names.

Three shapes carry nearly all of them in news text, and each is recognised by
its punctuation and a role noun (lexicon.ROLE_NOUNS), without a parser:
- a premodifier: "Finnish Trade Minister Anna Virta", "the mayor's spokesman
  Tom Wells", "Secretary of State Jane Roe";
- an apposition after the name: "Jane Doe, a press officer at the embassy,";
- an apposition before it: "A longtime adviser, Jane Doe, said".
An apposition naming only where someone is from ("Jane Doe, from Civic
Watch,") is an affiliation, not a title.
"""

from __future__ import annotations

import bisect
import re
from typing import Collection, Sequence

from newsflow_shared.events import Entity
from newsflow_shared.wordlists import words

from newsflow_enrich.discourse import Layout
from newsflow_enrich.lexicon import DETERMINERS, PLURAL_GROUP_NOUNS, ROLE_NOUNS, TITLE_MODIFIERS

_TOKEN = re.compile(r"[\w’'.&-]+|[^\w\s]")
_CONNECTORS = words("roles.connectors")
_TITLE_MAX_WORDS = 10
# How far back from a name a title is looked for: its longest plus the word before it, with room.
_TITLE_WINDOW_CHARS = 400
_APPOSITION_END = re.compile(r",|;|\.(?:\s|$)|\(|—|–|\n|\bwho\b|\bwhom\b|\bwhich\b|\bwhose\b")
_NOT_APPOSITION_STARTS = words("roles.not_apposition_starts")
_CLAUSE_OPENERS = words("roles.clause_openers")
AFFILIATION_PREPOSITIONS = words("roles.affiliation_prepositions")
# Words that make a phrase a clause, not a title: a subject pronoun or an auxiliary
# ("I will vote for the nominee, Jane Roe," is a quote, not what Jane Roe is).
_CLAUSE_WORDS = words("roles.clause_words")
# What may follow the role noun heading a title: a preposition ("adviser to the mayor") or nothing.
_AFTER_HEAD = words("roles.after_head")


def with_titles(entities: list[Entity], layout: Layout) -> list[Entity]:
    """The entities, each person with the titles the article gives them."""
    # Only another person's name ends a title; places and organizations stand in them ("EU foreign policy chief").
    names = sorted((m.start, m.end) for e in entities if e.type == "person" for m in e.mentions)
    titled = []
    for entity in entities:
        if entity.type == "person":
            own = {(m.start, m.end) for m in entity.mentions}
            entity = entity.model_copy(update={"titles": titles_of(own, layout.text, layout, names)})
        titled.append(entity)
    return titled


def titles_of(mentions: set[tuple[int, int]], text: str, layout: Layout, names: list[tuple[int, int]]) -> list[str]:
    """The distinct titles found around a person's name mentions, in order of appearance.

    `names` are every person's name spans, sorted; those of `mentions` are this person's own."""
    found: dict[str, str] = {}
    for start, end in sorted(mentions):
        sentence_start, sentence_end = layout.sentence_bounds(layout.sentence_index(start))
        for title in (
            premodifier_title(text, sentence_start, start, names, own=mentions),
            apposition_after(text, end, sentence_end),
            apposition_before(text, sentence_start, start, end),
        ):
            if title and title.casefold() not in found:
                found[title.casefold()] = title
    return list(found.values())


def premodifier_title(text: str, sentence_start: int, name_start: int, names: Sequence[tuple[int, int]] = (),
                      own: Collection[tuple[int, int]] = ()) -> str | None:
    """ "Finnish Trade Minister" in "Finnish Trade Minister Anna Virta".

    Another person's name (a span of `names` not in `own`) ends the title."""
    # A title is a few words: reading back from the name through the whole sentence made an article
    # that is one long sentence of names cost time in the square of its length.
    window_start = max(sentence_start, name_start - _TITLE_WINDOW_CHARS)
    tokens = [(m.start() + window_start, m.group()) for m in _TOKEN.finditer(text[window_start:name_start])]
    if window_start > sentence_start:
        tokens = tokens[1:]  # maybe cut in the middle of a word
    first = len(tokens)
    for i in range(len(tokens) - 1, -1, -1):
        position, token = tokens[i]
        word = token.rstrip(".").casefold()
        right = tokens[i + 1][1] if i + 1 < len(tokens) else ""
        if right.casefold() == "the" and i + 2 < len(tokens):
            right = tokens[i + 2][1]
        left = tokens[i - 1][1].casefold() if i > 0 else ""
        if _covered_by_other(names, own, position) and not _is_possessive(token):
            break
        if word == "the" and left in ("of", "for") and right[:1].isupper():
            pass  # "Secretary of the Interior"
        elif word in _CONNECTORS:
            if not right[:1].isupper() or word in ("and", "at", "in", "on", "to"):
                break
        elif word in DETERMINERS:
            break
        elif not (word in ROLE_NOUNS or word in TITLE_MODIFIERS or token[:1].isupper() or _is_possessive(token)):
            break
        first = i
        if len(tokens) - first >= _TITLE_MAX_WORDS:
            break
    while first < len(tokens) and tokens[first][1].casefold() in _CONNECTORS | {"the"}:
        first += 1
    if first >= len(tokens):
        return None
    title = text[tokens[first][0] : tokens[-1][0] + len(tokens[-1][1])]
    head = head_role(title)
    last_word = _words(title)[-1] if _words(title) else ""
    if head is None or is_plural_nominal(title):
        return None
    if last_word != head and not re.search(rf"\b{re.escape(head)}\s+(?:of|for)\b", title, re.IGNORECASE):
        return None
    return _tidy(title)


def apposition_after(text: str, name_end: int, sentence_end: int) -> str | None:
    """ "a press officer at the embassy" in "Jane Doe, a press officer at the embassy, said"."""
    match = re.match(r",\s+", text[name_end:sentence_end])
    if not match:
        return None
    rest = text[name_end + match.end() : sentence_end]
    end = _APPOSITION_END.search(rest)
    phrase = rest[: end.start()] if end else rest
    words = phrase.split()
    if not words or len(words) > 14 or words[0].casefold() in _NOT_APPOSITION_STARTS:
        return None
    if words[0].casefold() in AFFILIATION_PREPOSITIONS:
        return None
    return _tidy(phrase) if _has_role_head(phrase) else None


def apposition_before(text: str, sentence_start: int, name_start: int, name_end: int) -> str | None:
    """ "longtime adviser" in "A longtime adviser, Jane Doe, said"."""
    if not re.match(r"\s*,", text[name_end : name_end + 3]):
        return None
    before = text[sentence_start:name_start]
    match = re.search(r"(?:^|[,:;—(]\s*)([^,:;—()]+),\s*$", before)
    if not match:
        return None
    phrase = match.group(1).strip()
    words = phrase.split()
    if not words or len(words) > 8 or words[0].casefold() in _CLAUSE_OPENERS:
        return None
    return _tidy(phrase) if _has_role_head(phrase) else None


def role_words(phrase: str) -> list[str]:
    """The role nouns of a phrase, in order: ["foreign", "minister"] gives ["minister"]."""
    return [w for w in _words(phrase) if w in ROLE_NOUNS]


def head_role(phrase: str) -> str | None:
    """The role noun that heads a nominal phrase: the last one before any preposition."""
    head = None
    for word in _words(phrase):
        if word in _CONNECTORS - {"and"} and head:
            break
        if word in ROLE_NOUNS:
            head = word
    return head


def is_plural_nominal(phrase: str) -> bool:
    """ "local officials", "rights activists": a group, not one person."""
    words = _words(phrase)
    before_preposition = []
    for word in words:
        if word in _CONNECTORS - {"and"}:
            break
        before_preposition.append(word)
    return any(w in PLURAL_GROUP_NOUNS for w in before_preposition) or _coordinates_several(words)


def _coordinates_several(words: list[str]) -> bool:
    """ "the mayor and the governor", "Okafor and Berrick": two people; "the former minister and
    current party leader", "the former first lady and senator": roles under one "the", one person."""
    if "and" not in words:
        return False
    cut = words.index("and")
    left, right = words[:cut], words[cut + 1 :]
    one_person = (
        left[:1] == ["the"]
        and bool(right)
        and right[0] not in DETERMINERS
        and not _is_possessive(right[0])
        and any(w in ROLE_NOUNS for w in right)
    )
    return not one_person


def _has_role_head(phrase: str) -> bool:
    head = head_role(phrase)
    return head is not None and not is_plural_nominal(phrase) and _is_nominal(phrase)


def _is_nominal(phrase: str) -> bool:
    """A title is a noun phrase ending at its role noun or going on with a preposition.

    An apposition found by punctuation alone may be a clause ("he said, was that
    his wife, Jane Roe,") or another person's phrase ("the mayor's approval
    rating remains high"); neither says what the person is.
    """
    words = _words(phrase)
    if _CLAUSE_WORDS & set(words):
        return False
    # The head is the last role noun before a preposition (head_role): what follows it starts with one, or nothing does.
    head_at = None
    for i, word in enumerate(words):
        if word in _CONNECTORS - {"and"} and head_at is not None:
            break
        if word in ROLE_NOUNS:
            head_at = i
    after = words[head_at + 1 :] if head_at is not None else []
    return not after or after[0] in _AFTER_HEAD


def _covered_by_other(sorted_spans: Sequence[tuple[int, int]], own: Collection[tuple[int, int]], position: int) -> bool:
    i = bisect.bisect_right(sorted_spans, (position, float("inf"))) - 1
    return i >= 0 and sorted_spans[i][0] <= position < sorted_spans[i][1] and sorted_spans[i] not in own


def _is_possessive(token: str) -> bool:
    return token.endswith(("'s", "’s"))


def _tidy(title: str) -> str:
    words = " ".join(title.split()).strip(" ,.;:").split(" ")
    while words and words[0].casefold() in DETERMINERS:
        words = words[1:]
    return " ".join(words).replace("’", "'")


def _words(phrase: str) -> list[str]:
    return [w.strip(".’'").casefold() for w in re.findall(r"[\w’'.-]+", phrase)]
