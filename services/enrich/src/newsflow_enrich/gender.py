"""Which pronoun a person takes, as far as the article itself says.

Evidence, strongest first: a courtesy title ("Mr", "Mrs"), a gendered role
noun in a title ("spokeswoman"), and the subject pronoun that follows the
person's name (not a possessive "Doe's") in the same or the next sentence
before anyone else is named ("Jane Doe said she ..."). No list of first names: the article's own words decide,
and a person it gives no evidence for is compatible with either pronoun.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter

from newsflow_shared.events import Entity

from newsflow_enrich.discourse import Layout
from newsflow_enrich.lexicon import GENDERED_ROLES, HONORIFIC_GENDER, PRONOUN_GENDER

_HONORIFIC_BEFORE = re.compile(r"\b(Mr|Mrs|Ms|Miss|Sir|Dame|Lord|Lady)\.?\s+$")
# Subject pronouns only: "Jane Doe scolded him" says nothing of Jane Doe.
_PRONOUN = re.compile(r"\b(?:he|she)\b", re.IGNORECASE)
_STRONG = 3
_PRONOUN_WINDOW_CHARS = 1_500


def person_genders(entities: list[Entity], layout: Layout) -> dict[str, str]:
    """Entity id -> "m" or "f", for the people the article gives evidence about."""
    text = layout.text
    people = [e for e in entities if e.type == "person"]
    names = _NamesInOrder(sorted((m.start, e.id) for e in people for m in e.mentions))
    genders = {}
    for person in people:
        votes: Counter[str] = Counter()
        for title in person.titles:
            for word in re.findall(r"[a-z]+", title.casefold()):
                if word in GENDERED_ROLES:
                    votes[GENDERED_ROLES[word]] += _STRONG
        for mention in person.mentions:
            honorific = _HONORIFIC_BEFORE.search(text[max(0, mention.start - 8) : mention.start])
            if honorific:
                votes[HONORIFIC_GENDER[honorific.group(1).casefold()]] += _STRONG
            possessive = text[mention.end : mention.end + 2] in ("'s", "’s")
            pronoun = None if possessive else _first_pronoun_after(mention.end, person.id, names, layout)
            if pronoun:
                votes[pronoun] += 1
        if votes and (len(votes) == 1 or votes.most_common(2)[0][1] > votes.most_common(2)[1][1]):
            genders[person.id] = votes.most_common(1)[0][0]
    return genders


class _NamesInOrder:
    """Where the next name of anyone but a given person starts, found in constant time."""

    def __init__(self, name_starts: list[tuple[int, str]]) -> None:
        self.name_starts = name_starts
        # run_end[i]: the first index after i naming someone other than name_starts[i]'s person
        self.run_end = [len(name_starts)] * len(name_starts)
        for i in range(len(name_starts) - 2, -1, -1):
            same = name_starts[i + 1][1] == name_starts[i][1]
            self.run_end[i] = self.run_end[i + 1] if same else i + 1

    def next_other(self, offset: int, person_id: str, default: int) -> int:
        i = bisect.bisect_left(self.name_starts, (offset,))
        if i < len(self.name_starts) and self.name_starts[i][1] == person_id:
            i = self.run_end[i]
        return self.name_starts[i][0] if i < len(self.name_starts) else default


def _first_pronoun_after(offset: int, person_id: str, names: _NamesInOrder, layout: Layout) -> str | None:
    sentence = layout.sentence_index(offset)
    window_end = layout.sentence_bounds(min(sentence + 1, len(layout.sentence_starts) - 1))[1]
    # Two sentences are seldom longer than this; an article of one endless sentence is not read to its end
    # for every mention (that cost time in the square of its length).
    window_end = min(window_end, names.next_other(offset, person_id, len(layout.text)),
                     offset + _PRONOUN_WINDOW_CHARS)
    for match in _PRONOUN.finditer(layout.text, offset, window_end):
        if not layout.is_quoted(match.start(), match.end()):
            return PRONOUN_GENDER[match.group().casefold()]
    return None
