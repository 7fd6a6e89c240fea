"""The layout of a body that resolution needs: sentences, quoted stretches and photo credits.

All of it is found with regular expressions over the body (no parser), so it
costs next to nothing beside the NER.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Sequence

from newsflow_shared.events import ParsedArticle

# A sentence ends at . ! ? (plus closing quotes or brackets) before a space and a capital or quote,
# or at a line break. Abbreviations before the dot do not end one.
_SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9])|\n+")
_ABBREVIATION = re.compile(
    r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Cmdr|Adm|St|Jr|Sr|Rev|Hon|No|vs|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Inc|Corp|Co|Ltd|Ave|Mt|Ft|[A-Z]\.[A-Z]))\.$"
)
_DOUBLE_QUOTED = re.compile(r"“[^“”]*”|\"[^\"\n]*\"")
# Photo and video credits: "(AP Photo/Jane Doe)", "Photo: Jane Doe/Reuters", "Image credit: ...".
_CREDIT_IN_BRACKETS = re.compile(
    r"\((?:[^()\n]{0,40}\b)?(?:Photo|Photos|Photograph|Image|Picture|Pic|Video|Credit|Illustration|Graphic)s?\b[^()\n]{0,120}\)",
    re.IGNORECASE,
)
_CREDIT_LINE = re.compile(
    r"^[ \t•*-]*(?:Photo|Photos|Photograph|Image|Picture|Pic|Video|Credit|Illustration|Graphic)s?(?: credit)?\s*(?::|/|by\b)[^\n]*",
    re.IGNORECASE | re.MULTILINE,
)
_CREDIT_SENTENCE = re.compile(
    r"\b(?:Photo|Photos|Photograph|Picture|Image|Video)s?(?: credit)?(?:\s+by\b|\s*:)[^\n]*?(?=\.\s|\.?$|\n)",
    re.MULTILINE,
)
_CREDIT_SUFFIX = re.compile(r"(?:Getty Images|Shutterstock|AP Photo|Reuters/[^\s)]+|/(?:AFP|Reuters|AP|EPA|Getty))[^\n.]*")
_OPENING_MARKS = "“\"‘'"


@dataclass(frozen=True)
class Layout:
    text: str
    sentence_starts: list[int]
    quoted: list[tuple[int, int]]
    credits: list[tuple[int, int]]

    def sentence_index(self, offset: int) -> int:
        return bisect.bisect_right(self.sentence_starts, offset) - 1

    def sentence_bounds(self, index: int) -> tuple[int, int]:
        end = self.sentence_starts[index + 1] if index + 1 < len(self.sentence_starts) else len(self.text)
        return self.sentence_starts[index], end

    def is_quoted(self, start: int, end: int) -> bool:
        return _inside(self.quoted, start, end)

    def is_credit(self, start: int, end: int) -> bool:
        return _inside(self.credits, start, end)


def quoted_speech(article: ParsedArticle) -> list[tuple[int, int]]:
    """Spans of the article's quotes that stand in quotation marks (single ones too: ‘...’): each part
    of a quote narration interrupts, the narration (`said Mayor Ada Quist`) not being quoted."""
    body = article.body
    return [
        span
        for quote in article.quotes
        if quote.kind != "indirect" and quote.start > 0 and body[quote.start - 1] in _OPENING_MARKS
        for span in quote.spans
    ]


def layout_of(text: str, quote_spans: Sequence[tuple[int, int]] = ()) -> Layout:
    quoted = _merged([*((m.start(), m.end()) for m in _DOUBLE_QUOTED.finditer(text)), *quote_spans])
    credits = _merged(
        [
            (m.start(), m.end())
            for pattern in (_CREDIT_IN_BRACKETS, _CREDIT_LINE, _CREDIT_SENTENCE, _CREDIT_SUFFIX)
            for m in pattern.finditer(text)
        ]
    )
    return Layout(text=text, sentence_starts=sentence_starts(text), quoted=quoted, credits=credits)


def sentence_starts(text: str) -> list[int]:
    starts = [0]
    for match in _SENTENCE_END.finditer(text):
        if match.group().startswith(".") and _ABBREVIATION.search(text[max(0, match.start() - 6) : match.start() + 1]):
            continue
        start = match.end()
        while start < len(text) and text[start].isspace():
            start += 1
        if start < len(text) and start > starts[-1]:
            starts.append(start)
    return starts


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping spans joined, in order: membership is then one binary search."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _inside(merged_spans: list[tuple[int, int]], start: int, end: int) -> bool:
    i = bisect.bisect_right(merged_spans, (start, float("inf"))) - 1
    return i >= 0 and merged_spans[i][0] <= start and end <= merged_spans[i][1]
