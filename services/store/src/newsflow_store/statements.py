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
A statement's text, speaker, counts and index are rebuilt from its reports at
the end of the batch, and a statement left without reports is deleted.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from datetime import datetime

from sqlalchemy import delete, func, update
from sqlmodel import Session, select

from newsflow_store.convert import aware
from newsflow_store.models import (
    UNDATED,
    ArticleRow,
    QuoteRow,
    StatementAnchorRow,
    StatementRow,
    StatementTermRow,
)
from newsflow_store.text_match import QuoteText, Speaker, anchor_term, probe_size, similarity, speakers_agree
from newsflow_store.upsert import insert_ignoring_duplicates

MAX_CANDIDATES = 1000  # postings read per lookup; the rarest terms keep real lists far shorter


def statement_id_for(quote: QuoteText, actor_id: str | None) -> str:
    """Deterministic: a statement dropped and made again (its only article replaced) keeps its id."""
    return "st-" + hashlib.sha256(f"{quote.key}|{actor_id or ''}".encode()).hexdigest()[:16]


def reported_at(article: ArticleRow) -> datetime:
    """When an article reported its quotes: its publication date, else when it was stored."""
    return aware(article.published_sort if article.published_sort.year > UNDATED.year else article.stored_at)


class StatementGrouper:
    """Links the quotes of one batch to statements; `finish` rebuilds every statement touched."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.touched: set[str] = set()

    def assign(self, quote: QuoteRow, *, article: ArticleRow) -> None:
        """Set quote.statement_id and quote.text_key; the quote is then added by the caller."""
        text = QuoteText.of(quote.text)
        quote.text_key = text.key
        statement_id = self._best_match(text, Speaker(quote.actor_id, quote.speaker))
        if statement_id is None:
            statement_id = self._new_statement(quote, text, article)
        elif quote.actor_id:
            # A statement nobody had attributed takes this report's speaker.
            self.session.connection().execute(
                update(StatementRow)
                .where(StatementRow.id == statement_id, StatementRow.actor_id.is_(None))
                .values(actor_id=quote.actor_id)
            )
        quote.statement_id = statement_id
        self._file(statement_id, [text])
        self.touched.add(statement_id)

    def forget(self, statement_ids: set[str]) -> None:
        """Statements that lost reports (an article replaced): rebuilt, or deleted if none is left."""
        self.touched |= statement_ids

    def _best_match(self, text: QuoteText, speaker: Speaker) -> str | None:
        session, actor_id = self.session, speaker.actor_id
        candidates = set(session.exec(select(QuoteRow.statement_id).where(QuoteRow.text_key == text.key)).all())
        if text.long_enough and text.terms:
            terms = sorted(text.terms)
            postings = dict(session.exec(
                select(StatementTermRow.term, func.count()).where(StatementTermRow.term.in_(terms))
                .group_by(StatementTermRow.term)
            ).all())
            probe = sorted(terms, key=lambda term: (postings.get(term, 0), term))[: probe_size(text)]
            candidates |= set(session.exec(
                select(StatementTermRow.statement_id).where(StatementTermRow.term.in_(probe)).limit(MAX_CANDIDATES)
            ).all())
            candidates |= set(session.exec(
                select(StatementAnchorRow.statement_id).where(StatementAnchorRow.term.in_(terms))
                .limit(MAX_CANDIDATES)
            ).all())
        if not candidates:
            return None
        query = select(StatementRow.id).where(StatementRow.id.in_(sorted(candidates)))
        if actor_id is not None:
            query = query.where(StatementRow.actor_id.is_(None) | (StatementRow.actor_id == actor_id))
        compatible = session.exec(query).all()
        if not compatible:
            return None
        reports = session.exec(
            select(QuoteRow.statement_id, QuoteRow.text, QuoteRow.actor_id, QuoteRow.speaker)
            .where(QuoteRow.statement_id.in_(compatible))
        ).all()
        scores: dict[str, float] = {}
        for statement_id, report_text, report_actor, report_speaker in reports:
            score = similarity(text, QuoteText.of(report_text))
            if score is None or not speakers_agree(speaker, Speaker(report_actor, report_speaker),
                                                   long_quote=text.long_enough):
                continue
            scores[statement_id] = max(score, scores.get(statement_id, 0.0))
        if not scores:
            return None
        return min(scores, key=lambda statement_id: (-scores[statement_id], statement_id))

    def _new_statement(self, quote: QuoteRow, text: QuoteText, article: ArticleRow) -> str:
        statement_id = statement_id_for(text, quote.actor_id)
        if self.session.get(StatementRow, statement_id) is None:
            self.session.add(StatementRow(
                id=statement_id, text=quote.text, kind=quote.kind, actor_id=quote.actor_id, speaker=quote.speaker,
                first_reported_at=reported_at(article), report_count=0, outlet_count=0,
            ))
            self.session.flush()
        return statement_id

    def _file(self, statement_id: str, texts: list[QuoteText]) -> None:
        terms = sorted({term for text in texts for term in text.terms})
        anchors = sorted({anchor for text in texts if (anchor := anchor_term(text))})
        insert_ignoring_duplicates(self.session, StatementTermRow,
                                   [{"term": t, "statement_id": statement_id} for t in terms], ["term", "statement_id"])
        insert_ignoring_duplicates(self.session, StatementAnchorRow,
                                   [{"term": t, "statement_id": statement_id} for t in anchors],
                                   ["term", "statement_id"])

    def finish(self) -> None:
        for statement_id in sorted(self.touched):
            self._rebuild(statement_id)
        self.touched.clear()

    def _rebuild(self, statement_id: str) -> None:
        session = self.session
        reports = session.exec(
            select(QuoteRow, ArticleRow).join(ArticleRow, ArticleRow.id == QuoteRow.article_id)
            .where(QuoteRow.statement_id == statement_id)
        ).all()
        connection = session.connection()
        for index in (StatementTermRow, StatementAnchorRow):
            connection.execute(delete(index).where(index.statement_id == statement_id))
        statement = session.get(StatementRow, statement_id)
        if not reports:
            if statement is not None:
                session.delete(statement)
            return
        # Earliest report first, so that every tie below is settled the same way whatever the order of saving.
        first = sorted(reports, key=lambda pair: (reported_at(pair[1]), pair[0].article_id, pair[0].id))
        quotes = [quote for quote, _ in first]
        # The fullest version stands for the statement.
        statement.text = max((quote.text for quote in quotes), key=len)
        statement.kind = _most_common([q.kind for q in quotes])
        statement.actor_id = _most_common([q.actor_id for q in quotes if q.actor_id])
        statement.speaker = _most_common([q.speaker for q in quotes if q.speaker])
        statement.first_reported_at = reported_at(first[0][1])
        statement.report_count = len(quotes)
        statement.outlet_count = len({article.outlet or article.id for _, article in reports})
        session.add(statement)
        self._file(statement_id, [QuoteText.of(q.text) for q in quotes])


def _most_common(values: list[str]) -> str | None:
    """The most frequent value; ties go to the one seen first."""
    if not values:
        return None
    counts = Counter(values)
    return max(counts, key=lambda value: (counts[value], -values.index(value)))
