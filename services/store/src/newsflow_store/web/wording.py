"""How one outlet's wording of a statement differs from the fullest version: words marked, pure.

Words are compared case-blind, and quote marks and punctuation are never
marked: "We owe islanders" against "We owe the islanders" marks nothing in
the first and reports one word left out. difflib (the standard library's
sequence matcher) finds the alignment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

TOKEN = re.compile(r"\w+(?:['\u2019]\w+)*|\s+|[^\w\s]")


@dataclass(frozen=True)
class Piece:
    text: str
    changed: bool  # a word this wording has and the reference does not (or has other)


@dataclass(frozen=True)
class Wording:
    pieces: list[Piece]
    left_out: list[str]  # words of the reference this wording does not have

    @property
    def same(self) -> bool:
        return not self.left_out and not any(piece.changed for piece in self.pieces)


def _words(tokens: list[str]) -> list[int]:
    return [i for i, token in enumerate(tokens) if token[0].isalnum() or token[0] == "_"]


def compare_wording(text: str, reference: str) -> Wording:
    tokens, reference_tokens = TOKEN.findall(text), TOKEN.findall(reference)
    words, reference_words = _words(tokens), _words(reference_tokens)
    matcher = SequenceMatcher(a=[reference_tokens[i].lower() for i in reference_words],
                              b=[tokens[i].lower() for i in words], autojunk=False)
    changed: set[int] = set()
    left_out: list[str] = []
    for op, a_start, a_end, b_start, b_end in matcher.get_opcodes():
        if op == "equal":
            continue
        changed.update(words[b_start:b_end])
        if op in ("delete", "replace"):
            left_out.extend(reference_tokens[i] for i in reference_words[a_start:a_end])
    pieces: list[Piece] = []
    for index, token in enumerate(tokens):
        is_changed = index in changed
        if pieces and pieces[-1].changed == is_changed:
            pieces[-1] = Piece(pieces[-1].text + token, is_changed)
        else:
            pieces.append(Piece(token, is_changed))
    return Wording(pieces, left_out)
