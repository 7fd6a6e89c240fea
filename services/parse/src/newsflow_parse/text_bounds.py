"""Where a reported clause starts and ends: token bounds without edge punctuation, the clause
around a cue that interrupts it, and body offsets that keep the quotation marks a clause opens
or closes on. Shared by the attribution rules."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from newsflow_parse.attribution_speakers import SUBJECTS, Attribution
from newsflow_parse.quote_nlp import ParsedPiece

OPENING_MARKS = {"“": "”", "‘": "’", '"': '"'}
CLOSING_MARKS = {"”": "“", "’": "‘", '"': '"'}


@dataclass(frozen=True)
class Reported:
    """A reported clause (what was said, body offsets) and its attribution."""

    start: int
    end: int
    attribution: Attribution
    # A verb's object is reported speech only when it quotes the speaker's words.
    needs_quote: bool = False
    rule: str = ""  # the id of the rule that found it (rules.FOUND_BY)


def clause_around(piece: ParsedPiece, clause: Token, cut_first: int, cut_last: int) -> tuple[int, int] | None:
    """The clause's words around a cut (the cue phrase), in the cut's sentence.

    With words on both sides ("Prices, the operator said, will not rise") the
    text keeps the cue inside, as an interrupted direct quote does: a quote's
    text is one stretch of the body.
    """
    sentence_first, sentence_stop = piece.sentence_bounds(cut_first)
    first = max(clause.left_edge.i, sentence_first)
    last = min(clause.right_edge.i, sentence_stop - 1)
    left = strip(piece.doc, first, cut_first - 1)
    right = strip(piece.doc, cut_last + 1, last)
    if left is not None and right is not None:
        return left[0], right[1]
    return left or right


def strip(doc, first: int, last: int) -> tuple[int, int] | None:
    """(first, last) without punctuation at either edge (a final full stop included); None if empty."""
    while first <= last and (doc[first].is_punct or doc[first].is_space):
        first += 1
    while last >= first and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    return (first, last) if first <= last else None


def reported(piece: ParsedPiece, bounds: tuple[int, int], attribution: Attribution, needs_quote: bool = False) -> Reported:
    doc = piece.doc
    last = _infinitive_list_end(doc, bounds)
    start, end = _with_quote_marks(piece.text, doc[bounds[0]].idx, doc[last].idx + len(doc[last]))
    return Reported(start + piece.start, end + piece.start, attribution, needs_quote)


def _infinitive_list_end(doc, bounds: tuple[int, int]) -> int:
    """The last token of what was said: `bounds`' last, or, where what was said ends on an infinitive's
    phrase and a comma and a bare verb follow, the last of that verb's phrase. In "urged the board to
    cut fares, add a ferry and open the clinic" the parser hangs "add" on the cue, but the list goes on
    with the infinitive."""
    first, last = bounds
    if last + 2 >= len(doc) or doc[last + 1].text != ",":
        return last
    verb = doc[last + 2]
    if verb.tag_ != "VB" or any(c.dep_ in ("nsubj", "nsubjpass", "aux") for c in verb.children):
        return last
    infinitive = any(t.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children)
                     for t in doc[first : last + 1])
    if not infinitive:
        return last
    stop = next((t.i for t in doc[verb.i + 1 :] if t.is_sent_start), len(doc)) - 1  # within the sentence
    # Not into a clause of its own joined to the list: "…, fix the system and he, once again, pledged …".
    clause = next((c for c in verb.rights if c.dep_ == "conj" and any(g.dep_ in SUBJECTS for g in c.children)), None)
    if clause is not None:
        stop = min(stop, clause.left_edge.i - 1)
        while stop > verb.i and (doc[stop].dep_ == "cc" or doc[stop].is_punct):
            stop -= 1
    end = strip(doc, verb.i, min(verb.right_edge.i, stop))
    return end[1] if end is not None else last


def _with_quote_marks(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen text[start:end] over a quotation mark at either edge whose partner is inside it.

    `said “there is no proof” of it` keeps both marks of the quoted fragment;
    `violations.”` keeps the full stop the quote closes on.
    """
    inner = text[start:end]
    if start > 0 and text[start - 1] in OPENING_MARKS and _unpaired(inner, OPENING_MARKS[text[start - 1]], text[start - 1]):
        start -= 1
        inner = text[start:end]
    closing = end + 1 if text[end : end + 1] in (".", "?", "!", ",") else end
    if closing < len(text) and text[closing] in CLOSING_MARKS and _unpaired(inner, CLOSING_MARKS[text[closing]], text[closing]):
        end = closing + 1
    return start, end


def _unpaired(inner: str, partner: str, mark: str) -> bool:
    """Whether `inner` holds more of `partner` than of `mark` (for a straight mark, an odd count)."""
    if partner == mark:
        return inner.count(mark) % 2 == 1
    return inner.count(partner) > inner.count(mark)
