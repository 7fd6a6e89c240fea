"""Reading quotes as statements: each thing said once, with every article that reported it."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, col, select

from newsflow_store.keyset import Ordering
from newsflow_store.models import ArticleRow, EntityRow, QuoteRow, StatementRow, StatementTermRow
from newsflow_store.statements import reported_at
from newsflow_store.text_match import QuoteText

NEWEST_FIRST = Ordering("statements:first_reported_at:desc", (StatementRow.first_reported_at, StatementRow.id),
                        descending=True)
OLDEST_FIRST = Ordering("statements:first_reported_at:asc", (StatementRow.first_reported_at, StatementRow.id),
                        descending=False)


@dataclass(frozen=True)
class StatementFilters:
    search: str | None = None
    actor_id: str | None = None
    actor_ids: tuple[str, ...] = ()  # by any of them: one actor under several names (same_actor)
    kind: str | None = None
    reported_from: datetime | None = None  # inclusive, on first_reported_at
    reported_before: datetime | None = None  # exclusive

    def conditions(self) -> list:
        conditions: list = [StatementRow.report_count > 0]
        if self.actor_id is not None:
            conditions.append(StatementRow.actor_id == self.actor_id)
        if self.actor_ids:
            conditions.append(col(StatementRow.actor_id).in_(self.actor_ids))
        if self.kind is not None:
            conditions.append(StatementRow.kind == self.kind)
        if self.reported_from is not None:
            conditions.append(StatementRow.first_reported_at >= self.reported_from)
        if self.reported_before is not None:
            conditions.append(StatementRow.first_reported_at < self.reported_before)
        if self.search:
            conditions.append(_says(self.search))
        return conditions


def _says(search: str):
    """Statements one of whose reports has every word searched for (through the term index)."""
    wanted = QuoteText.of(search)
    if not wanted.terms:  # only common words: no index helps, read the reports themselves
        needle = wanted.normalized
        return col(StatementRow.id).in_(
            select(QuoteRow.statement_id).where(func.lower(QuoteRow.text).contains(needle, autoescape=True))
        )
    having_all = (
        select(StatementTermRow.statement_id)
        .where(col(StatementTermRow.term).in_(sorted(wanted.terms)))
        .group_by(StatementTermRow.statement_id)
        .having(func.count(col(StatementTermRow.term)) == len(wanted.terms))
    )
    return col(StatementRow.id).in_(having_all)


def list_statements(
    session: Session,
    *,
    filters: StatementFilters = StatementFilters(),
    ordering: Ordering = NEWEST_FIRST,
    after: list | None = None,
    limit: int = 20,
) -> list[StatementRow]:
    query = select(StatementRow).where(*filters.conditions())
    if after is not None:
        query = query.where(ordering.after(after))
    return list(session.exec(query.order_by(*ordering.order_by()).limit(limit)).all())


def get_statement(session: Session, *, statement_id: str) -> StatementRow | None:
    statement = session.get(StatementRow, statement_id)
    return statement if statement is not None and statement.report_count > 0 else None


@dataclass(frozen=True)
class Report:
    quote: QuoteRow
    article: ArticleRow


def reports_of(session: Session, *, statement_ids: list[str]) -> dict[str, list[Report]]:
    """Each statement's reports, earliest first."""
    rows = session.exec(
        select(QuoteRow, ArticleRow).join(ArticleRow, col(ArticleRow.id) == QuoteRow.article_id)
        .where(col(QuoteRow.statement_id).in_(statement_ids))
    ).all()
    reports: dict[str, list[Report]] = defaultdict(list)
    for quote, article in sorted(rows, key=lambda pair: (reported_at(pair[1]), pair[1].id, pair[0].id)):
        reports[quote.statement_id].append(Report(quote, article))
    return reports


def entity_names(session: Session, *, entity_ids: set[str]) -> dict[str, str]:
    if not entity_ids:
        return {}
    return dict(session.exec(
        select(EntityRow.id, EntityRow.name).where(col(EntityRow.id).in_(sorted(entity_ids)))
    ).all())
