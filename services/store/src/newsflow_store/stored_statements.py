"""The stored side of statement grouping, read for a whole batch of quotes in a few queries.

Grouping (statements.py) compares each new quote with the reports of the
statements it could belong to. Instead of asking the database quote by quote,
the batch asks once per kind of lookup, for all its quotes together:

1. read_index: statements reporting one of the batch's texts (quotes.text_key),
   how many statements each term of the batch is filed under, then the
   statements filed under each quote's probe terms (its rarest ones,
   text_match.probe_size) and those anchored on any of its terms;
2. read_statements: those statements' speakers and all their reports, with
   what rebuilding a statement needs of each (kind, date, outlet).

Nothing here writes; the batch's own quotes are matched in memory (statements.py).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import Sequence

from sqlalchemy import Row, func, select, true
from sqlmodel import Session, col

from newsflow_store.convert import aware
from newsflow_store.models import UNDATED, ArticleRow, QuoteRow, StatementAnchorRow, StatementRow, StatementTermRow
from newsflow_store.text_match import QuoteText, Speaker, hits_needed, probe_size
from newsflow_store.upsert import among, values_table

MAX_POSTINGS = 1000  # statements read per term; the rarest terms keep real lists far shorter


def reported_at(article) -> datetime:
    """When an article (with published_sort and stored_at) reported its quotes: its publication date, else
    when it was stored."""
    return aware(article.published_sort if article.published_sort.year > UNDATED.year else article.stored_at)


@dataclass(frozen=True)
class Report:
    """One quote as one article reports it: what grouping compares, and what a statement is rebuilt from."""

    article_id: str
    quote_id: str
    text: str
    kind: str
    actor_id: str | None
    speaker_mention: str | None
    reported_at: datetime
    outlet: str | None  # None when the article names no outlet

    @cached_property
    def matched(self) -> QuoteText:
        return QuoteText.of(self.text)

    @property
    def speaker(self) -> Speaker:
        return Speaker(self.actor_id, self.speaker_mention)

    @property
    def order(self) -> tuple:
        """Earliest report first; ties settled the same way whatever the order of saving."""
        return self.reported_at, self.article_id, self.quote_id


@dataclass
class StoredIndex:
    """The candidate index (statement ids by text key, probe term and anchor) for one batch's quotes."""

    by_key: dict[str, set[str]] = field(default_factory=dict)
    term_counts: dict[str, int] = field(default_factory=dict)
    postings: dict[str, set[str]] = field(default_factory=dict)
    anchors: dict[str, set[str]] = field(default_factory=dict)
    probes: dict[QuoteText, list[str]] = field(default_factory=dict)  # each text's, worked out once a batch
    found: dict[QuoteText, set[str]] = field(default_factory=dict)  # ... and its candidates

    def probe(self, text: QuoteText) -> list[str]:
        """The quote's rarest terms, as many as text_match.probe_size says."""
        if (probe := self.probes.get(text)) is None:
            terms = sorted(text.terms, key=lambda term: (self.term_counts.get(term, 0), term))
            probe = self.probes[text] = terms[: probe_size(text)]
        return probe

    def hits_needed(self, text: QuoteText, probe: list[str]) -> int:
        """How many of the probe terms a statement must be filed under to hold a match of the quote.

        A term filed under more than MAX_POSTINGS statements was read only in
        part: a statement missing from its list may still have it, so it counts
        as a hit for every statement.
        """
        cut = sum(1 for term in probe if self.term_counts.get(term, 0) > MAX_POSTINGS)
        return max(1, hits_needed(text, len(probe)) - cut)

    def candidates(self, text: QuoteText) -> set[str]:
        """The stored statements the text could match: same key, filed under enough probe terms, or
        anchored on one of its terms (worked out once a batch per text)."""
        if (found := self.found.get(text)) is None:
            found = set(self.by_key.get(text.key, set()))
            if searchable(text):
                probe = self.probe(text)
                hits: Counter[str] = Counter()
                for term in probe:
                    hits.update(self.postings.get(term, ()))
                needed = self.hits_needed(text, probe)
                found.update(statement_id for statement_id, count in hits.items() if count >= needed)
                for term in text.terms:
                    found |= self.anchors.get(term, set())
            self.found[text] = found
        return found

    def statement_ids(self, texts: list[QuoteText]) -> set[str]:
        """Every stored statement one of the texts could match (what grouping then reads)."""
        found: set[str] = set()
        for text in texts:
            found |= self.candidates(text)
        return found


def searchable(text: QuoteText) -> bool:
    """Whether a quote is looked up by its terms too (shorter ones only ever match exactly)."""
    return bool(text.long_enough and text.terms)


def read_index(session: Session, texts: list[QuoteText]) -> StoredIndex:
    connection = session.connection()
    index = StoredIndex()
    keyed = select(col(QuoteRow.text_key), col(QuoteRow.statement_id)).distinct().where(
        among(session, QuoteRow.text_key, {t.key for t in texts}))
    for key, statement_id in connection.execute(keyed).all():
        index.by_key.setdefault(key, set()).add(statement_id)
    searched = [t for t in texts if searchable(t)]
    terms = {term for text in searched for term in text.terms}
    if not terms:
        return index
    index.term_counts = _postings_counts(session, terms)
    probed = {term for text in searched for term in index.probe(text)}
    index.postings = _filed_under(session, StatementTermRow, probed)
    index.anchors = _filed_under(session, StatementAnchorRow, terms)
    return index


def _postings_counts(session: Session, terms: set[str]) -> dict[str, int]:
    """How many statements each term is filed under, counted up to MAX_POSTINGS + 1 ("more than we read").

    Counting a common term's every posting would read a share of the whole
    index for each batch, ever more as it grows; past the cap, only "common" matters.
    """
    term = values_table(session, terms)
    if session.get_bind().dialect.name == "postgresql":
        # In (term, statement_id) key order, as _filed_under reads them. Unordered, this count went
        # from 0.2 ms to about 100 ms a call over a new store's first 300 articles stored one to a
        # batch (the plan PostgreSQL keeps for a prepared statement stopped fitting the growing
        # table); in key order it stays near 0.5 ms. Large batches hid it: one call per batch.
        first = _first_postings(StatementTermRow, term, MAX_POSTINGS + 1)
        query = select(term.c.value, func.count(first.c.statement_id)).join(first, true()).group_by(term.c.value)
    else:
        capped = (select(col(StatementTermRow.statement_id)).where(col(StatementTermRow.term) == term.c.value)
                  .limit(MAX_POSTINGS + 1).correlate(term).subquery())
        query = select(term.c.value, select(func.count()).select_from(capped).scalar_subquery())
    rows = session.connection().execute(query).all()
    return {value: count for value, count in rows if count}


def _first_postings(model, term, limit: int):
    """For each value of `term` (a values_table), its first `limit` postings in (term, statement_id)
    key order, as a LATERAL subquery: read straight off the key, never all of a common term's."""
    return (select(model.statement_id).where(model.term == term.c.value).order_by(model.statement_id)
            .limit(limit).lateral())


def _filed_under(session: Session, model, terms: set[str]) -> dict[str, set[str]]:
    """The statements filed under each term, at most MAX_POSTINGS per term (the first by id)."""
    if not terms:
        return {}
    if session.get_bind().dialect.name == "postgresql":
        # Each term's first postings straight from the (term, statement_id) key: never all of a common term's.
        term = values_table(session, terms)
        first = _first_postings(model, term, MAX_POSTINGS)
        rows = session.connection().execute(select(term.c.value, first.c.statement_id).join(first, true())).all()
    else:  # SQLite has no LATERAL; the embedded store is small
        ranked = select(
            model.term, model.statement_id,
            func.row_number().over(partition_by=model.term, order_by=model.statement_id).label("rank"),
        ).where(among(session, model.term, terms)).subquery()
        rows = session.connection().execute(
            select(ranked.c.term, ranked.c.statement_id).where(ranked.c.rank <= MAX_POSTINGS)).all()
    filed: dict[str, set[str]] = defaultdict(set)
    for term_value, statement_id in rows:
        filed[term_value].add(statement_id)
    return dict(filed)


def read_statements(session: Session, statement_ids: set[str]) -> tuple[dict[str, str | None], dict[str, list[Report]]]:
    """Of the statements that exist among statement_ids: each one's actor, and its reports."""
    if not statement_ids:
        return {}, {}
    # Annotated: SQLAlchemy 2.1 types a mapped column's .label() as Label[Never] (ExpressionElementRole.label
    # returns an unbound _T), which leaves the row type uninferable. Rows are read by name.
    rows: Sequence[Row] = session.connection().execute(
        select(col(StatementRow.id), col(StatementRow.actor_id), col(QuoteRow.article_id),
               col(QuoteRow.id).label("quote_id"), col(QuoteRow.text), col(QuoteRow.kind),
               col(QuoteRow.actor_id).label("quote_actor_id"), col(QuoteRow.speaker),
               col(ArticleRow.published_sort), col(ArticleRow.stored_at), col(ArticleRow.outlet))
        .select_from(StatementRow)
        .outerjoin(QuoteRow, col(QuoteRow.statement_id) == StatementRow.id)
        .outerjoin(ArticleRow, col(ArticleRow.id) == QuoteRow.article_id)
        .where(among(session, StatementRow.id, statement_ids))
    ).all()
    actors: dict[str, str | None] = {}
    reports: dict[str, list[Report]] = {}
    for row in rows:
        actors[row.id] = row.actor_id
        found = reports.setdefault(row.id, [])
        if row.quote_id is not None:
            found.append(Report(row.article_id, row.quote_id, row.text, row.kind, row.quote_actor_id, row.speaker,
                                reported_at(row), row.outlet))
    return actors, reports
