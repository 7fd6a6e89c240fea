"""Where quotation marks enclose text: pairing marks by the conventions of news writing.

Pure text, no NLP; one linear pass per paragraph, so no input can make it slow.

- Double marks (“ ” and straight ") come first; single marks (‘ ’ and straight ')
  count only outside them, since inside a double-quoted span they nest, and
  British style uses them for the quote itself.
- A straight mark's neighbours tell an opener (`said "We`) from a closer
  (`soon," he`); where they do not, it closes an open quote or opens one.
- An opener met while a quote is open ends that quote where it stands: news
  writing re-opens a quote without closing it when the speaker goes on with a
  new paragraph, and some scrapes join those paragraphs into one.
- A quote left open at the end of a paragraph runs on only when the next
  paragraph opens with a mark; otherwise the mark was a stray and is dropped.
- A single ’ between letters, or after a space, is an apostrophe (don’t, ’90s).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Literal

DOUBLE_MARKS = "“”\""
SINGLE_MARKS = "‘’'"
ALL_MARKS = DOUBLE_MARKS + SINGLE_MARKS
_DOUBLE = re.compile('[“”"]')
_SINGLE = re.compile("[‘’']")
_PARAGRAPH = re.compile(r"[^\n]+")
_PLAIN_TEXT_DOUBLE = re.compile(r"``|(?<!')''(?!')")
# Text before an opening mark; after a closing one.
_BEFORE_OPENER = "([{—–-:;/"
_AFTER_CLOSER = ",.;:!?)]}—–-…/"

Role = Literal["open", "close", "either"]


@dataclass(frozen=True)
class QuotedSpan:
    """Text between marks, trimmed of spaces: body[start:end] is what was quoted.

    `closed` is False when the quote runs on past its paragraph (or to a re-opening
    mark); `continued` is True when it re-opens a quote the previous paragraph left open.
    """

    start: int
    end: int
    open_at: int
    close_at: int | None
    continued: bool = False

    @property
    def closed(self) -> bool:
        return self.close_at is not None


def paragraph_bounds(body: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank line: a paragraph, in scraped and cleaned news text."""
    return [(m.start(), m.end()) for m in _PARAGRAPH.finditer(body) if m.group().strip()]


def find_quoted_spans(body: str) -> list[QuotedSpan]:
    """Every quoted span of `body`, in order."""
    body = _with_plain_text_marks_as_double(body)
    paragraphs = paragraph_bounds(body)
    double = _spans_of_kind(body, paragraphs, _DOUBLE, outside=[])
    single = _spans_of_kind(body, paragraphs, _SINGLE, outside=double)
    return sorted(double + single, key=lambda span: span.start)


def _with_plain_text_marks_as_double(body: str) -> str:
    """`body` with the plain-text double marks `` and '' (the NYT's: ``We are,'' he said) written as
    one straight double mark and a space, so that offsets stay the same: a space before the mark
    where it opens, after it where it closes. Read as two single marks, they would pair with the
    single marks of a quote inside the quote (''… is 'I saw you on Fox.' '')."""
    return _PLAIN_TEXT_DOUBLE.sub(lambda m: ' "' if m.group() == "``" or _opens_text(body, m.end()) else '" ', body)


def _opens_text(body: str, at: int) -> bool:
    return at < len(body) and not body[at].isspace() and body[at] not in _AFTER_CLOSER


def mark_role(text: str, at: int) -> Role | None:
    """Whether the mark at `at` can open a quote, close one, either, or neither."""
    char = text[at]
    before = text[at - 1] if at > 0 else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    # A curly mark facing the wrong way is a typo; where it stands says what it does.
    if char == "“":
        return "close" if not before.isspace() and before not in _BEFORE_OPENER and (after.isspace() or after in _AFTER_CLOSER) else "open"
    if char == "”":
        return "open" if (before.isspace() or before in _BEFORE_OPENER) and after.isalnum() else "close"
    if char == "‘":
        return None if before.isalnum() and after.isalnum() else "open"
    if char == "’":
        if after.isalnum() or before.isspace() or at == 0:
            return None  # don’t, ’90s
        return "close"
    looks_open = (before.isspace() or before in _BEFORE_OPENER or before in ALL_MARKS) and not after.isspace()
    looks_close = not before.isspace() and (after.isspace() or after in _AFTER_CLOSER or after in ALL_MARKS)
    if char == "'":
        if before.isalnum() and after.isalnum():
            return None  # it's, O'Brien
        if after.isdigit() and not looks_close:
            return None  # '90s
        if looks_open and not looks_close:
            return "open"
        if looks_close and not looks_open:
            return "close"
        return None
    if looks_open and not looks_close:
        return "open"
    if looks_close and not looks_open:
        return "close"
    return "either"


def _spans_of_kind(
    body: str, paragraphs: list[tuple[int, int]], marks: re.Pattern[str], *, outside: list[QuotedSpan]
) -> list[QuotedSpan]:
    """Spans between `marks`, skipping marks inside the (sorted, disjoint) `outside` spans."""
    blocked = _Blocked(outside)
    spans: list[QuotedSpan] = []
    left_open = False  # the previous paragraph ended inside a quote
    for index, (p_start, p_end) in enumerate(paragraphs):
        next_opens = index + 1 < len(paragraphs) and _opens_with_mark(body, paragraphs[index + 1], marks)
        found, left_open = _spans_in_paragraph(body, p_start, p_end, marks, blocked, left_open, next_opens)
        spans.extend(found)
    return spans


class _Blocked:
    """Ranges (from an opening mark to its closing one) where marks of another kind are nested."""

    def __init__(self, spans: list[QuotedSpan]):
        self._starts = [span.open_at for span in spans]
        self._ends = [span.close_at if span.close_at is not None else span.end for span in spans]

    def __contains__(self, at: int) -> bool:
        i = bisect.bisect_right(self._starts, at) - 1
        return i >= 0 and at <= self._ends[i]


def _opens_with_mark(body: str, paragraph: tuple[int, int], marks: re.Pattern[str]) -> bool:
    start = paragraph[0]
    while start < paragraph[1] and body[start].isspace():
        start += 1
    return start < paragraph[1] and bool(marks.match(body, start)) and mark_role(body, start) in ("open", "either")


def _spans_in_paragraph(
    body: str,
    p_start: int,
    p_end: int,
    marks: re.Pattern[str],
    blocked: _Blocked,
    left_open: bool,
    next_opens: bool,
) -> tuple[list[QuotedSpan], bool]:
    spans: list[QuotedSpan] = []
    opened: int | None = None
    continued = False
    for match in marks.finditer(body, p_start, p_end):
        at = match.start()
        role = mark_role(body, at) if at not in blocked else None
        if role is None:
            continue
        if opened is None:
            if role != "close":
                opened = at
                continued = left_open and at == _first_text(body, p_start)
            continue
        if role == "open":
            # Re-opened without closing: the speaker goes on; the quote so far stands.
            spans.extend(_span(body, opened, at, None, continued))
            opened, continued = at, False
            continue
        spans.extend(_span(body, opened, at, at, continued))
        opened = None
    still_open = opened is not None and next_opens
    if still_open:
        assert opened is not None  # still_open says so
        spans.extend(_span(body, opened, p_end, None, continued))
    return spans, still_open


def _first_text(body: str, start: int) -> int:
    while start < len(body) and body[start].isspace():
        start += 1
    return start


def _span(body: str, open_at: int, stop: int, close_at: int | None, continued: bool) -> list[QuotedSpan]:
    start, end = open_at + 1, stop
    while start < end and body[start].isspace():
        start += 1
    while end > start and (body[end - 1].isspace() or body[end - 1] == ","):
        end -= 1
    if start >= end:
        return []
    return [QuotedSpan(start=start, end=end, open_at=open_at, close_at=close_at, continued=continued)]
