"""The attribution rules that are pure tree shapes, as spaCy DependencyMatcher patterns.

A rule here only finds where its shape occurs; what it reports (the clause's
bounds, the speaker mention) is worked out by its named function in
attribution_rules / attribution_phrases, as for the rules that are not
shapes. Each pattern's first node is its anchor: the token the rule is tried
at as find_reported walks the parse.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cache
from typing import Any

from spacy.matcher import DependencyMatcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from newsflow_parse.cues import POLL_NOUNS, forms_of

# "X happened, according to Y": `according` (prep) → `to` → Y (pobj).
Pattern = list[dict[str, Any]]

ACCORDING_TO: Pattern = [
    {"RIGHT_ID": "according", "RIGHT_ATTRS": {"LOWER": "according", "DEP": "prep"}},
    {"LEFT_ID": "according", "REL_OP": ">", "RIGHT_ID": "to", "RIGHT_ATTRS": {"LOWER": "to"}},
    {"LEFT_ID": "to", "REL_OP": ">", "RIGHT_ID": "source", "RIGHT_ATTRS": {"DEP": "pobj"}},
]
# "…, as a Homeland Security memo put it": `put` (an adverbial clause of a verb) with `as`, `it`
# and its subject, the speaker.
AS_PUT_IT: Pattern = [
    {"RIGHT_ID": "verb", "RIGHT_ATTRS": {"LOWER": {"IN": sorted(forms_of("put"))}, "TAG": {"REGEX": "^VB"},
                                         "DEP": "advcl"}},
    {"LEFT_ID": "verb", "REL_OP": "<", "RIGHT_ID": "head", "RIGHT_ATTRS": {"TAG": {"REGEX": "^(?:VB|MD)"}}},
    {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "as", "RIGHT_ATTRS": {"DEP": "mark", "LOWER": "as"}},
    {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "it", "RIGHT_ATTRS": {"DEP": "dobj", "LOWER": "it"}},
    {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "speaker", "RIGHT_ATTRS": {"DEP": "nsubj"}},
]
# "In a CNN poll, Clinton led by 24 points": a poll (pobj) → `in` (prep) → the verb of the clause it found.
IN_POLL: Pattern = [
    {"RIGHT_ID": "poll", "RIGHT_ATTRS": {"LOWER": {"IN": sorted(POLL_NOUNS)}, "DEP": "pobj"}},
    {"LEFT_ID": "poll", "REL_OP": "<", "RIGHT_ID": "in", "RIGHT_ATTRS": {"LOWER": "in", "DEP": "prep"}},
    {"LEFT_ID": "in", "REL_OP": "<", "RIGHT_ID": "verb", "RIGHT_ATTRS": {"TAG": {"REGEX": "^VB"}}},
]
PATTERNS: dict[str, Pattern] = {"according-to": ACCORDING_TO, "as-put-it": AS_PUT_IT, "in-poll": IN_POLL}
# The words an anchor can be.
_ANCHOR_WORDS = frozenset({"according", *forms_of("put"), *POLL_NOUNS})


@cache
def _matcher(vocab: Vocab) -> DependencyMatcher:
    matcher = DependencyMatcher(vocab)
    for rule, pattern in PATTERNS.items():
        matcher.add(rule, [pattern])
    return matcher


def shapes(doc: Doc) -> dict[str, dict[int, dict[str, Token]]]:
    """{rule: {anchor token index: the pattern's nodes by name}}; of several matches at one anchor, the
    one with the earliest nodes (the first child that fits, as reading the children in order finds)."""
    found: dict[str, dict[int, dict[str, Token]]] = defaultdict(dict)
    if not any(token.lower_ in _ANCHOR_WORDS for token in doc):
        return found  # most pieces: matching would find nothing, and costs more than this look
    for match_id, token_ids in sorted(_matcher(doc.vocab)(doc), key=lambda match: match[1]):
        rule = doc.vocab.strings[match_id]
        names = [node["RIGHT_ID"] for node in PATTERNS[rule]]
        found[rule].setdefault(token_ids[0], {name: doc[i] for name, i in zip(names, token_ids)})
    return found
