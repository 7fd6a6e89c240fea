"""Attributions handed on to direct quotes that have none in their own sentence.

News writing attributes once and quotes on:
- a quote running over paragraphs is attributed once, in any of its parts;
- one paragraph quotes one speaker: a quote takes the attribution nearest
  before it in its paragraph (else the nearest after);
- a paragraph that opens with a quote continues the speaker introduced just
  before it: by a colon ending the previous paragraph (`He continued:`), or
  by the previous paragraph's last attributed quote.
One pass forward and one back per paragraph: linear in the number of quotes.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable

from newsflow_parse import rules
from newsflow_parse.attribution_speakers import Attribution
from newsflow_parse.quote_merging import FoundQuote

QUOTE_OPENERS = " “\"‘'"


def share_attributions(
    found: list[FoundQuote],
    body: str,
    paragraphs: list[tuple[int, int]],
    colon_lead: Callable[[int], Attribution | None],
) -> list[FoundQuote]:
    """`colon_lead(p)`: the attribution paragraph p hands on by ending with a colon, if any."""
    found = _share_within_runs(found)
    by_paragraph = _group_by_paragraph(found, paragraphs)
    shared = list(found)
    previous: tuple[int, Attribution] | None = None  # (paragraph, its last attribution)
    for p, members in by_paragraph:
        _share_within_paragraph(shared, members)
        first = members[0]
        if shared[first].attribution is None and _opens_paragraph(shared[first], paragraphs[p], body):
            handed = colon_lead(p - 1) if p > 0 else None  # tagged colon-paragraph
            if handed is None and previous is not None and previous[0] == p - 1 and rules.is_on("previous-paragraph"):
                handed = replace(previous[1], rule="previous-paragraph")
            if handed is not None:
                shared[first] = replace(shared[first], attribution=handed)
                _share_within_paragraph(shared, members)
        attributed = [attribution for i in members if (attribution := shared[i].attribution) is not None]
        if attributed:
            previous = (p, attributed[-1])
    return shared


def _share_within_runs(found: list[FoundQuote]) -> list[FoundQuote]:
    first_of_run: dict[int, Attribution] = {}
    for quote in found:
        if quote.run is not None and quote.attribution is not None and rules.is_on("run"):
            first_of_run.setdefault(quote.run, replace(quote.attribution, rule="run"))
    return [
        replace(q, attribution=first_of_run[q.run]) if q.attribution is None and q.run in first_of_run else q
        for q in found
    ]


def _share_within_paragraph(shared: list[FoundQuote], members: list[int]) -> None:
    """Fill, in place, each unattributed direct quote from the nearest attributed one before, else after."""
    before: list[Attribution | None] = []
    last: Attribution | None = None
    for i in members:
        before.append(last)
        last = shared[i].attribution or last
    after: Attribution | None = None
    for i, preceding in zip(reversed(members), reversed(before)):
        own = shared[i].attribution
        handed = preceding or after
        if own is None and shared[i].kind == "direct" and handed is not None and rules.is_on("paragraph"):
            shared[i] = replace(shared[i], attribution=replace(handed, rule="paragraph"))
        after = own or after


def _group_by_paragraph(found: list[FoundQuote], paragraphs: list[tuple[int, int]]) -> list[tuple[int, list[int]]]:
    groups: list[tuple[int, list[int]]] = []
    p = 0
    for i, quote in enumerate(found):
        while p + 1 < len(paragraphs) and paragraphs[p][1] <= quote.start:
            p += 1
        if groups and groups[-1][0] == p:
            groups[-1][1].append(i)
        else:
            groups.append((p, [i]))
    return groups


def _opens_paragraph(quote: FoundQuote, paragraph: tuple[int, int], body: str) -> bool:
    return quote.kind == "direct" and body[paragraph[0] : quote.start].strip(QUOTE_OPENERS) == ""
