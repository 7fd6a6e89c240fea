"""Direct quotes and reported clauses merged into one list without overlaps.

- A reported clause with a quoted span inside is a mixed quote; the span is
  part of it, not a quote of its own.
- A reported clause that is all one quoted span is that direct quote, which
  takes the clause's attribution if its own sentence gave it none; one made of
  two or more quoted phrases (`said that “…” and “…”`) is one mixed quote.
- A clause reported inside a quote or inside another clause is left to the
  outer one.
- Two direct quotes with nothing between them but the attribution of either
  are one quote with its speaker inside (`“We are,” he said, “delighted.”`),
  made of two parts: what was said, without the narration between. A clause
  reported inside that attribution (`said Jo Ames, who backed the plan.`)
  stays a quote of its own, between the two parts.

Quotes and kept clauses are sorted and do not overlap (but for such a clause
inside a joined quote's start..end), so every lookup here is a binary search:
a body with a hundred thousand quotes merges in linear time.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from typing import Literal

from newsflow_parse.attribution_speakers import Attribution
from newsflow_parse.quote_marks import QuotedSpan
from newsflow_parse.text_bounds import Reported

Kind = Literal["direct", "indirect", "mixed"]
# A reported clause this much covered by quoted spans is that direct quote.
ALL_QUOTE_SHARE = 0.85
# `“…,” said Jane Doe, a lawyer who …. “…”`: words of an attribution that interrupts one quote.
MAX_INTERRUPTION_WORDS = 40
# `“…,” Fight for $15 organizing director Kendall Fells said`: words of a title before the speaker's name.
MAX_TITLE_WORDS = 6
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class FoundQuote:
    start: int
    end: int
    kind: Kind
    attribution: Attribution | None
    run: int | None = None  # parts of a quote running over paragraphs share the run of the first
    parts: tuple[tuple[int, int], ...] = ()  # (start, end) of each quoted part when narration interrupts it
    found_by: str = "quote-marks"  # the id of the rule that found it (rules.FOUND_BY)

    @property
    def spans(self) -> tuple[tuple[int, int], ...]:
        """The spans of body the quote is made of: its parts, or the one span start..end."""
        return self.parts or ((self.start, self.end),)


def merge_quotes(direct: list[FoundQuote], reported: list[Reported], spans: list[QuotedSpan],
                 body: str) -> list[FoundQuote]:
    """Direct quotes (sorted, disjoint) and reported clauses of `body`, merged, in body order."""
    span_starts = [s.start for s in spans]
    direct_starts = [d.start for d in direct]
    reported = [r for r in reported if not r.needs_quote or _spans_within(spans, span_starts, r)]
    clauses = _outermost(reported, direct, direct_starts)
    absorbed: set[int] = set()
    merged: list[FoundQuote] = []
    for clause in clauses:
        inside = _spans_within(spans, span_starts, clause)
        quoted_chars = sum(s.end - s.start for s in inside)
        # One quoted span all but filling the clause is that direct quote; two or more ("said that “…” and
        # “…”") are one thing said, which only the clause holds whole.
        if _direct_covering(direct, direct_starts, clause) is not None or (
            len(inside) == 1 and quoted_chars >= ALL_QUOTE_SHARE * (clause.end - clause.start)
        ):
            continue  # all quote: the direct quote stands for it
        start, end = _with_edge_marks(clause, inside, body)
        merged.append(FoundQuote(start, end, "mixed" if inside else "indirect", clause.attribution,
                                 found_by=clause.rule))
        absorbed.update(s.start for s in inside)
    clause_starts = [c.start for c in clauses]
    merged.extend(_with_clause_attribution(d, clauses, clause_starts) for d in direct if d.start not in absorbed)
    merged.sort(key=lambda q: (q.start, -q.end))
    return merged


def join_interrupted(found: list[FoundQuote], body: str) -> list[FoundQuote]:
    """One quote for `“We are,” he said, “delighted.”`: the attribution inside, the two quoted spans its parts.

    A clause reported inside the attribution (`“…,” said Jo Ames, who backed the plan. “…”`) is kept
    as a quote of its own and does not stop the join: it lies between the two parts.
    """
    joined: list[FoundQuote] = []
    for quote in found:
        k = _last_direct(joined)
        previous = joined[k] if k is not None else None
        attribution = _interrupting(previous, quote, body) if previous is not None else None
        if k is not None and previous is not None and attribution is not None:
            run = previous.run if previous.run is not None else quote.run
            *before, (start, end) = previous.spans
            if body[end : end + 1] == ",":  # the comma a quoted span is trimmed of, kept inside the quote
                end += 1
            joined[k] = FoundQuote(previous.start, quote.end, "direct", attribution, run,
                                   (*before, (start, end), *quote.spans), previous.found_by)
        else:
            joined.append(quote)
    return joined


def _last_direct(joined: list[FoundQuote]) -> int | None:
    """The index of the last quote in `joined` if it is direct, or of the last direct quote before
    clauses that all lie after its end (those reported inside an attribution that follows it)."""
    for k in range(len(joined) - 1, -1, -1):
        if joined[k].kind == "direct":
            return k
        if k == 0 or joined[k].start < joined[k - 1].end:
            return None
    return None


def _interrupting(first: FoundQuote, second: FoundQuote, body: str) -> Attribution | None:
    """The attribution standing alone between two direct quotes of one paragraph, if that is all there is."""
    if first.kind != "direct" or second.kind != "direct" or first.end > second.start:
        return None
    gap = body[first.end : second.start]
    if "\n" in gap or len(_WORD.findall(gap)) > MAX_INTERRUPTION_WORDS:
        return None
    first_word = _WORD.search(gap)
    own = second.attribution
    if own is not None and own.cue_start is not None and own.cue_start >= second.end:
        return None  # `“Thank you,” Ortiz said. “We will build it,” Reyes replied.`: two speakers, two quotes
    theirs = first.attribution
    if own is not None and theirs is not None and own.cue_start is not None and theirs.cue_start is not None \
            and theirs.cue_start < own.cue_start < second.start:
        return None  # `“…?” a narrator asks. The ad ends with footage of him saying, “…”`: a cue of its own in between
    for attribution in (first.attribution, second.attribution):
        if attribution is None or attribution.cue_start is None or first_word is None:
            continue
        # The gap is the attribution itself: it starts with its cue or its speaker, or with the few
        # words of a title before the speaker's name (`“…,” organizing director Ken Fells said. “…”`).
        if first.end <= attribution.cue_start < second.start and _only_title_before(body, first.end, attribution):
            return attribution
    return None


def _only_title_before(body: str, gap_start: int, attribution: Attribution) -> bool:
    """Whether what stands between a quote and its attribution's first word is at most a short title."""
    assert attribution.cue_start is not None
    first = min(attribution.cue_start, attribution.speaker_start if attribution.speaker_start is not None
                else attribution.cue_start)
    if first < gap_start:
        return False
    lead = body[gap_start:first]
    return len(_WORD.findall(lead)) <= MAX_TITLE_WORDS and not any(mark in lead for mark in ".!?;:\n")


def _with_edge_marks(clause: Reported, inside: list[QuotedSpan], body: str) -> tuple[int, int]:
    """The clause's bounds, widened over the marks of a quoted span at either edge: `"a step" and "overdue."`
    keeps its first and last mark, which the clause's bounds (punctuation stripped) leave out; the
    NYT's plain-text closing mark `''` is two characters."""
    start, end = clause.start, clause.end
    if inside and inside[0].start <= start + 1 and inside[0].open_at < start:
        start = inside[0].open_at
    last = inside[-1] if inside else None
    if last is not None and last.close_at is not None and last.end >= end - 1 and last.close_at >= end:
        end = last.close_at + (2 if body[last.close_at : last.close_at + 2] == "''" else 1)
    return start, end


def _spans_within(spans: list[QuotedSpan], starts: list[int], clause: Reported) -> list[QuotedSpan]:
    """Quoted spans inside the clause (a mark's width of slack at each edge); spans are disjoint."""
    inside = []
    for i in range(bisect.bisect_left(starts, clause.start - 1), len(spans)):
        span = spans[i]
        if span.start > clause.end + 1 or span.end > clause.end + 1:
            break
        inside.append(span)
    return inside


def _outermost(reported: list[Reported], direct: list[FoundQuote], direct_starts: list[int]) -> list[Reported]:
    """Clauses whose cue is outside every quote and every clause kept before them; disjoint, sorted."""
    kept: list[Reported] = []
    kept_starts: list[int] = []
    for clause in sorted(reported, key=lambda r: (r.start, -r.end)):
        cue_at = clause.attribution.cue_start if clause.attribution.cue_start is not None else clause.start
        if _inside_any(direct, direct_starts, cue_at) or _inside_any(kept, kept_starts, cue_at):
            continue
        if kept and clause.start < kept[-1].end:
            continue
        kept.append(clause)
        kept_starts.append(clause.start)
    return kept


def _inside_any(items: list[FoundQuote] | list[Reported], starts: list[int], at: int) -> bool:
    """Whether `at` lies in one of the sorted, disjoint items."""
    i = bisect.bisect_right(starts, at) - 1
    return i >= 0 and items[i].start <= at < items[i].end


def _direct_covering(direct: list[FoundQuote], starts: list[int], clause: Reported) -> FoundQuote | None:
    i = bisect.bisect_right(starts, clause.start + 1) - 1
    if i >= 0 and clause.end - 1 <= direct[i].end:
        return direct[i]
    return None


def _with_clause_attribution(quote: FoundQuote, clauses: list[Reported], starts: list[int]) -> FoundQuote:
    """A direct quote without an attribution of its own takes the one of a clause that is all of it."""
    if quote.attribution is not None:
        return quote
    i = bisect.bisect_right(starts, quote.start + 1) - 1
    if i >= 0 and quote.end - 1 <= clauses[i].end:
        return replace(quote, attribution=clauses[i].attribution)
    return quote
