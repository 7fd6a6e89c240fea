"""Grouping quotes into statements: one thing said, however many outlets reported it.

Each new quote is compared (text_match.similarity) only with the reports of
candidate statements, found through indexes, never by scanning them all:

- the same normalized text (quotes.text_key);
- statements filed under one of the quote's rarest terms (statement_terms
  holds every distinctive word of every report; text_match.probe_size says
  how many of the quote's terms to look up so that no near-identical or
  containing statement is missed);
- statements whose anchor term is among the quote's terms (a fragment of it).

Speakers must agree (text_match.speakers_agree) with a report the quote
matches, and the statement's actor, if it has one, must be the quote's or
unset. The best-scoring statement wins; otherwise the quote starts a new one.

A batch is grouped at once: the stored candidates of all its quotes are read
in a few queries (stored_statements.py), then the quotes are matched in
order, each against stored reports and the batch's earlier quotes alike (the
batch's own are indexed in memory the same way), so articles of one batch
group as if saved one after the other. One difference: the reports of
articles the batch replaces leave first, so a quote that would have joined
the statement such a report started starts its own, with the same reports
but an id of its own (a statement's id comes from its first report; the
grouping, text and counts are the same). At the end of the batch every
statement touched is rebuilt from its reports (text, speaker, counts) and
written with its index in a few statements; one left without reports is deleted.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict

from sqlalchemy import delete
from sqlmodel import Session

from newsflow_store.models import StatementAnchorRow, StatementRow, StatementTermRow
from newsflow_store.stored_statements import (
    Report,
    StoredIndex,
    read_index,
    read_statements,
    reported_at,
    searchable,
)
from newsflow_store.text_match import QuoteText, similarity, speakers_agree
from newsflow_store.upsert import among, insert_ignoring_duplicates, insert_or_update

__all__ = ["Report", "StatementGrouper", "reported_at", "statement_id_for"]


def statement_id_for(quote: QuoteText, actor_id: str | None) -> str:
    """Deterministic: a statement dropped and made again (its only article replaced) keeps its id."""
    return "st-" + hashlib.sha256(f"{quote.key}|{actor_id or ''}".encode()).hexdigest()[:16]


class BatchIndex:
    """The batch's own reports, indexed as the database indexes stored ones (text key, terms, anchor)."""

    def __init__(self) -> None:
        self.by_key: dict[str, set[str]] = defaultdict(set)
        self.postings: dict[str, set[str]] = defaultdict(set)
        self.anchors: dict[str, set[str]] = defaultdict(set)

    def file(self, statement_id: str, text: QuoteText) -> None:
        self.by_key[text.key].add(statement_id)
        for term in text.terms:
            self.postings[term].add(statement_id)
        if anchor := text.anchor:
            self.anchors[anchor].add(statement_id)


class StatementGrouper:
    """Links the quotes of one batch to statements; `finish` rebuilds and writes every statement touched."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._start()

    def _start(self) -> None:
        self.actors: dict[str, str | None] = {}  # every statement this batch knows of: its actor so far
        self.reports: dict[str, list[Report]] = {}  # ... and all its reports, stored and new
        self.added: dict[str, list[Report]] = defaultdict(list)
        self.forgotten: set[str] = set()
        self.batch = BatchIndex()

    def forget(self, statement_ids: set[str]) -> None:
        """Statements that lost reports (an article replaced, its quotes already deleted: call before assign)."""
        self.forgotten |= statement_ids

    def assign(self, reports: list[Report]) -> list[str]:
        """Each report's statement, in order (the caller writes the quotes with them, after `finish`)."""
        if not reports:
            return []
        texts = [report.matched for report in reports]
        index = read_index(self.session, texts)
        own_ids = {statement_id_for(report.matched, report.actor_id) for report in reports}
        self._read(index.statement_ids(texts) | own_ids)
        assigned = []
        for report in reports:
            statement_id = self._best_match(report, index)
            if statement_id is None:
                statement_id = statement_id_for(report.matched, report.actor_id)
                if statement_id not in self.actors:
                    self.actors[statement_id], self.reports[statement_id] = report.actor_id, []
            elif report.actor_id and self.actors[statement_id] is None:
                # A statement nobody had attributed takes this report's speaker.
                self.actors[statement_id] = report.actor_id
            assigned.append(statement_id)
            self.reports[statement_id].append(report)
            self.added[statement_id].append(report)
            self.batch.file(statement_id, report.matched)
        return assigned

    def _read(self, statement_ids: set[str]) -> None:
        actors, reports = read_statements(self.session, statement_ids - self.actors.keys())
        self.actors.update(actors)
        self.reports.update(reports)

    def _candidates(self, text: QuoteText, index: StoredIndex) -> set[str]:
        """index.candidates, and the statements the batch's own quotes are filed under as the index files them.

        A statement counts a probe term it is filed under in the database or by
        this batch alike (a stored statement a quote of the batch joined may
        have the term only from that quote). Only statements the batch filed
        under a probe term can gain from it: just those are counted again.
        """
        batch = self.batch
        found = index.candidates(text) | batch.by_key.get(text.key, set())
        if searchable(text):
            probe = index.probe(text)
            filed_by_batch = set().union(*(batch.postings.get(term, ()) for term in probe)) - found
            if filed_by_batch:
                needed = index.hits_needed(text, probe)
                found.update(statement_id for statement_id in filed_by_batch if needed <= sum(
                    1 for term in probe
                    if statement_id in batch.postings.get(term, ()) or statement_id in index.postings.get(term, ())))
            for term in text.terms:
                found |= batch.anchors.get(term, set())
        return found

    def _best_match(self, report: Report, index: StoredIndex) -> str | None:
        text, speaker = report.matched, report.speaker
        scores: dict[str, float] = {}
        for statement_id in self._candidates(text, index):
            actor = self.actors[statement_id]
            if speaker.actor_id is not None and actor not in (None, speaker.actor_id):
                continue
            for other in self.reports[statement_id]:
                score = similarity(text, other.matched)
                if score is None or not speakers_agree(speaker, other.speaker, long_quote=text.long_enough):
                    continue
                scores[statement_id] = max(score, scores.get(statement_id, 0.0))
        if not scores:
            return None
        return min(scores, key=lambda statement_id: (-scores[statement_id], statement_id))

    def finish(self) -> None:
        """Write every statement touched, rebuilt from its reports, and its index; delete those left empty.

        A statement that only gained reports keeps its index and files the new
        reports' terms; one that lost reports has its index made again.
        """
        self._read(self.forgotten)  # stored statements that lost reports and that no new quote looked at
        touched, rebuilt = sorted(self.added.keys() | self.forgotten), self.forgotten
        rows, emptied, terms, anchors = [], [], set(), set()
        for statement_id in touched:
            reports = self.reports.get(statement_id, [])
            if not reports:
                emptied.append(statement_id)
                continue
            rows.append(statement_row(statement_id, reports))
            for report in reports if statement_id in rebuilt else self.added[statement_id]:
                terms |= {(term, statement_id) for term in report.matched.terms}
                if anchor := report.matched.anchor:
                    anchors.add((anchor, statement_id))
        session, connection = self.session, self.session.connection()
        if rebuilt:
            for index in (StatementTermRow, StatementAnchorRow):
                connection.execute(delete(index).where(among(session, index.statement_id, rebuilt)))
        if emptied:
            connection.execute(delete(StatementRow).where(among(session, StatementRow.id, emptied)))
        insert_or_update(session, StatementRow, rows, ["id"])
        for model, pairs in ((StatementTermRow, terms), (StatementAnchorRow, anchors)):
            insert_ignoring_duplicates(session, model, [{"term": term, "statement_id": statement_id}
                                                        for term, statement_id in sorted(pairs)],
                                       ["term", "statement_id"])
        self._start()


def statement_row(statement_id: str, reports: list[Report]) -> dict:
    """A statement as its reports make it: the fullest text, the most common kind and speaker."""
    first = sorted(reports, key=lambda report: report.order)  # ties below go to the earliest report
    return {
        "id": statement_id,
        "text": max((report.text for report in first), key=len),
        "kind": _most_common([report.kind for report in first]),
        "actor_id": _most_common([report.actor_id for report in first if report.actor_id]),
        "speaker": _most_common([report.speaker_mention for report in first if report.speaker_mention]),
        "first_reported_at": first[0].reported_at,
        "report_count": len(first),
        # Named outlets only, as the API's reported_by: reports whose article names none are not guessed at.
        "outlet_count": len({report.outlet for report in first if report.outlet}),
    }


def _most_common(values: list[str]) -> str | None:
    """The most frequent value; ties go to the one seen first."""
    if not values:
        return None
    counts = Counter(values)
    return max(counts, key=lambda value: (counts[value], -values.index(value)))
