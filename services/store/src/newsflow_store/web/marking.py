"""An article's body cut into the pieces its page marks: quotes, and the people and places named.

Pure: offsets in, a flat list of open/close/text events out, always well nested,
so the template only has to write each event as a tag or as (escaped) text.
Quotes are the outer layer, each part of an interrupted quote marked apart (the
narration between them is not the quote). A name is marked where it lies wholly
inside one quote's part or wholly outside every quote, and does not overlap a name already
marked; a quote overlapping an earlier one cannot be nested in the text, so it
is returned apart (`overlapping`) and the page lists it under the body.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    item: Any  # what the page needs to draw the mark: a quote, or an entity
    parts: tuple[tuple[int, int], ...] = ()  # a quote's parts, when narration interrupts it

    @property
    def pieces(self) -> tuple[tuple[int, int], ...]:
        return self.parts or ((self.start, self.end),)


@dataclass(frozen=True)
class Event:
    kind: Literal["text", "open_quote", "close_quote", "said_by", "open_name", "close_name"]
    text: str = ""
    item: Any = None
    part: int = 0  # of an open_quote: which part of its quote opens (the first carries the quote's id)


@dataclass
class MarkedBody:
    events: list[Event] = field(default_factory=list)
    overlapping: list[Any] = field(default_factory=list)  # quotes that could not be marked in place


def _valid(span: Span, length: int) -> bool:
    inside = all(span.start <= start < end <= span.end for start, end in span.pieces)
    return 0 <= span.start < span.end <= length and inside


def _quote_layer(quotes: list[Span], length: int) -> tuple[list[Span], list[Any]]:
    placed: list[Span] = []
    apart = []
    for span in sorted(quotes, key=lambda s: (s.start, -s.end)):
        if not _valid(span, length) or (placed and span.start < placed[-1].end):
            apart.append(span.item)
        else:
            placed.append(span)
    return placed, apart


def _inside_one_layer(span: Span, quotes: list[Span]) -> bool:
    """Wholly inside one quote, or touching none."""
    for quote in quotes:
        if quote.start <= span.start and span.end <= quote.end:
            return True
        if span.start < quote.end and quote.start < span.end:
            return False
    return True


def _name_layer(names: list[Span], quotes: list[Span], length: int) -> list[Span]:
    placed: list[Span] = []
    # Longer names first, so "Mayor Lena Ortiz" wins over "Lena Ortiz" inside it.
    for span in sorted(names, key=lambda s: (-(s.end - s.start), s.start)):
        if not _valid(span, length) or not _inside_one_layer(span, quotes):
            continue
        if any(span.start < other.end and other.start < span.end for other in placed):
            continue
        placed.append(span)
    return sorted(placed, key=lambda s: s.start)


CLOSING = frozenset(",.;:!?\"'\u201d\u2019\u00bb)")


def _after_closing_marks(body: str, end: int, starts: set[int]) -> int:
    while end < len(body) and body[end] in CLOSING and end not in starts:
        end += 1
    return end


def mark_body(body: str, *, quotes: list[Span], names: list[Span]) -> MarkedBody:
    placed_quotes, apart = _quote_layer(quotes, len(body))
    # A name in the narration that interrupts a quote (its speaker, often) lies between its parts.
    parts = [Span(start, end, quote.item) for quote in placed_quotes for start, end in quote.pieces]
    placed_names = _name_layer(names, parts, len(body))
    starts = {span.start for span in (*parts, *placed_names)}
    # (position, order, ...): at one position closing comes before opening, names close before
    # their quote closes, a speaker is named before anything opens, and a quote opens before a
    # name inside it opens.
    boundaries: list[tuple[int, int, Event]] = []
    for span in placed_quotes:
        for number, (start, end) in enumerate(span.pieces):
            boundaries.append((start, 3, Event("open_quote", item=span.item, part=number)))
            boundaries.append((end, 1, Event("close_quote", item=span.item)))
        boundaries.append((_after_closing_marks(body, span.pieces[-1][1], starts), 2, Event("said_by", item=span.item)))
    for span in placed_names:
        boundaries.append((span.start, 4, Event("open_name", item=span.item)))
        boundaries.append((span.end, 0, Event("close_name", item=span.item)))
    boundaries.sort(key=lambda b: (b[0], b[1]))

    events, cursor = [], 0
    for position, _, event in boundaries:
        if position > cursor:
            events.append(Event("text", body[cursor:position]))
            cursor = position
        events.append(event)
    if cursor < len(body):
        events.append(Event("text", body[cursor:]))
    return MarkedBody(events, apart)
