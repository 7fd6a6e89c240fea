"""Writing articles: idempotent, newest pipeline version wins, cross-article counts kept right.

Delivery is at least once, so an article is keyed by its id and, of two
versions of it, the one from the newer pipeline wins (versions.py): a
redelivered message changes nothing, a reprocessed article replaces its old
rows, and an old version arriving late is ignored. Replacing subtracts the
old version's share of every actor's counts and regroups its quotes, so the
counts and statements are those of the current versions only.

A batch is written as a whole, a few statements per table rather than a few
per article: its articles are checked against the stored versions in one
query, in order (a version the batch itself replaces never reaches the
database), then each table gets one multi-row write.

Store replicas write at once (db.py): a batch first holds its own articles
(lock_articles) and writes what belongs to them alone (the article, its
entities' rows, its status) and its changes to the shared counts, parked;
only then does it take the statements' turn (lock_statements) to group its
quotes and write them, and commits. The parked changes are added to the
counts right after, in a short transaction of their own (aggregates.py).
What one writer does under the turn is what no other may interleave with;
the rest runs in parallel.
"""

from __future__ import annotations

import enum
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import delete, select, text
from sqlmodel import Session, col

from newsflow_shared.events import EnrichedArticle, PipelineVersions
from newsflow_store.aggregates import EntityLedger, apply_parked, ensure_entities
from newsflow_store.convert import RowValues, article_row, aware, entity_rows, quote_rows
from newsflow_store.crud.status import record_statuses
from newsflow_store.db import lock_articles, lock_statements
from newsflow_store.models import ArticleEntityRow, ArticleRow, QuoteRow
from newsflow_store.statements import Report, StatementGrouper, reported_at
from newsflow_store.text_match import prepare_for_matching
from newsflow_store.status import Status, StatusUpdate, combine_updates
from newsflow_store.upsert import among, insert_rows
from newsflow_store.versions import key_of, pipeline_key


class SaveOutcome(str, enum.Enum):
    INSERTED = "inserted"
    REPLACED = "replaced"  # a newer pipeline version replaced the stored one
    UNCHANGED = "unchanged"  # the same version again: a redelivery
    STALE = "stale"  # older than what is stored: arrived late, ignored


@dataclass(frozen=True)
class StoredVersion:
    parse_version: str
    enrich_version: str | None
    stored_at: datetime

    def outcome_for(self, incoming: PipelineVersions) -> SaveOutcome:
        new, stored = key_of(incoming), pipeline_key(self.parse_version, self.enrich_version)
        if new == stored:
            return SaveOutcome.UNCHANGED
        return SaveOutcome.STALE if new < stored else SaveOutcome.REPLACED


@dataclass(frozen=True)
class ArticleVersion:
    """One version of an article as the rows it makes (their values: convert.RowValues), before any is written."""

    article: RowValues  # an ArticleRow's
    entities: list[RowValues]  # ArticleEntityRows'
    quotes: list[RowValues]  # QuoteRows'

    @classmethod
    def of(cls, article: EnrichedArticle, *, stored_at: datetime) -> "ArticleVersion":
        return cls(article_row(article, stored_at=stored_at), entity_rows(article), quote_rows(article))

    def reports(self) -> list[Report]:
        row = self.article
        when, outlet = reported_at(row), row.outlet
        return [Report(row.id, quote.id, quote.text, quote.kind, quote.actor_id, quote.speaker, when, outlet)
                for quote in self.quotes]


def _as_dicts(model, rows: list[RowValues]) -> list[dict]:
    """The rows' values of `model`'s columns (a quote's values hold more: the event's other fields)."""
    columns = [column.name for column in model.__table__.columns]
    return [{column: vars(row)[column] for column in columns} for row in rows]


class BatchWriter:
    """One transaction's worth of articles: `save` writes each article's own rows, `finish` the shared ones."""

    def __init__(self, session: Session, *, stored_at: datetime) -> None:
        self.session, self.stored_at = session, stored_at
        self.ledger = EntityLedger()
        self.grouper = StatementGrouper(session)
        self.versions: dict[str, StoredVersion] = {}  # every article seen: the version stored once the batch is
        self.reports: list[Report] = []  # the quotes to group and write in `finish` ...
        self.quote_rows: list[dict] = []  # ... and their rows, but for the statement

    def save(self, articles: list[EnrichedArticle]) -> list[SaveOutcome]:
        article_ids = {article.article_id for article in articles} - self.versions.keys()
        lock_articles(self.session, article_ids)
        self._read_versions(article_ids)
        outcomes: list[SaveOutcome] = []
        winners: dict[str, ArticleVersion] = {}
        replaced: set[str] = set()  # stored articles a newer version replaces
        entities: list[RowValues] = []  # of every version that won, even for a while: their entities exist
        for article in articles:
            article_id, stored = article.article_id, self.versions.get(article.article_id)
            outcome = SaveOutcome.INSERTED if stored is None else stored.outcome_for(article.pipeline)
            outcomes.append(outcome)
            if outcome in (SaveOutcome.UNCHANGED, SaveOutcome.STALE):
                continue
            if article_id in winners:  # a version of this very batch, replaced before it was written
                earlier = winners.pop(article_id)
                self.ledger.subtract(earlier.entities, earlier.quotes)
            elif outcome is SaveOutcome.REPLACED:
                replaced.add(article_id)
            version = ArticleVersion.of(article, stored_at=self.stored_at)
            self.ledger.add(version.entities, version.quotes)
            entities += version.entities
            winners[article_id] = version
            self.versions[article_id] = StoredVersion(article.pipeline.parse, article.pipeline.enrich, self.stored_at)
        self._remove_rows_of(replaced)
        self._write(list(winners.values()), entities)
        return outcomes

    def _read_versions(self, article_ids: set[str]) -> None:
        if article_ids:
            rows = self.session.connection().execute(
                select(col(ArticleRow.id), col(ArticleRow.parse_version), col(ArticleRow.enrich_version),
                       col(ArticleRow.stored_at))
                .where(among(self.session, ArticleRow.id, article_ids)))
            for article_id, parse, enrich, stored_at in rows:
                self.versions[article_id] = StoredVersion(parse, enrich, aware(stored_at))

    def _remove_rows_of(self, article_ids: set[str]) -> None:
        if not article_ids:
            return
        session, connection = self.session, self.session.connection()
        quotes, entities = defaultdict(list), defaultdict(list)
        for quote in connection.execute(
            select(col(QuoteRow.article_id), col(QuoteRow.actor_id), col(QuoteRow.statement_id))
            .where(among(session, QuoteRow.article_id, article_ids))
        ):
            quotes[quote.article_id].append(quote)
        for entity in connection.execute(
            select(col(ArticleEntityRow.article_id), col(ArticleEntityRow.entity_id),
                   col(ArticleEntityRow.mention_count), col(ArticleEntityRow.name), col(ArticleEntityRow.type),
                   col(ArticleEntityRow.aliases), col(ArticleEntityRow.titles))
            .where(among(session, ArticleEntityRow.article_id, article_ids))
        ):
            entities[entity.article_id].append(entity)
        for article_id in sorted(article_ids):  # each article's share: links and quotes count within one article
            self.ledger.subtract(entities[article_id], quotes[article_id])
        self.grouper.forget({quote.statement_id for rows in quotes.values() for quote in rows})
        for model in (QuoteRow, ArticleEntityRow):
            connection.execute(delete(model).where(among(session, model.article_id, article_ids)))
        connection.execute(delete(ArticleRow).where(among(session, ArticleRow.id, article_ids)))

    def _write(self, versions: list[ArticleVersion], entities: list[RowValues]) -> None:
        session = self.session
        insert_rows(session, ArticleRow, _as_dicts(ArticleRow, [v.article for v in versions]))
        self._ensure_entities(entities)
        insert_rows(session, ArticleEntityRow, _as_dicts(ArticleEntityRow, [e for v in versions for e in v.entities]))
        for version in versions:
            self.reports += version.reports()
            self.quote_rows += _as_dicts(QuoteRow, version.quotes)
        for report in self.reports:
            prepare_for_matching(report.matched)  # here, outside the statements' turn

    def _ensure_entities(self, entities: list[RowValues]) -> None:
        """The entity rows, on PostgreSQL in a short transaction of their own.

        In the batch's transaction a new entity's row would stay locked until
        the batch commits, so another replica's batch naming the same new
        person would wait through this one's turn at the statements. Committed
        at once, a row no stored article names yet is harmless: it counts zero,
        and zero-count entities are listed nowhere (as those whose articles
        were all replaced). Not flushed to disk on commit: the batch's own
        commit, durable, comes after it.
        """
        bind = self.session.get_bind()
        if bind.dialect.name != "postgresql":
            ensure_entities(self.session, entities)
            return
        with Session(bind) as own:
            own.execute(text("SET LOCAL synchronous_commit = off"))
            ensure_entities(own, entities)
            own.commit()

    def finish(self) -> None:
        session = self.session
        record_statuses(session, combine_updates([
            StatusUpdate(article_id, Status.STORED, version.stored_at, parse_version=version.parse_version,
                         enrich_version=version.enrich_version)
            for article_id, version in self.versions.items()
        ]))
        self.ledger.record(session)  # before the turn: on PostgreSQL it only inserts, and locks nothing shared
        lock_statements(session)
        for row, report, statement_id in zip(self.quote_rows, self.reports, self.grouper.assign(self.reports)):
            row["statement_id"], row["text_key"] = statement_id, report.matched.key
        self.grouper.finish()
        insert_rows(session, QuoteRow, self.quote_rows)  # after the statements they point to
        self.reports, self.quote_rows = [], []


def save_articles(session: Session, *, articles: list[EnrichedArticle]) -> list[SaveOutcome]:
    """Write a batch in one transaction (committed here): all of it or, on error, none.

    Use a db.write_session; several writers may save at once (see the module's docstring).
    """
    writer = BatchWriter(session, stored_at=datetime.now(timezone.utc))
    try:
        outcomes = writer.save(articles)
        writer.finish()
        session.commit()
        if session.get_bind().dialect.name == "postgresql":
            # The counts this batch parked (and any another writer left: one that stopped between its
            # commit and this step has its batch redelivered, so this runs again), in a short transaction.
            apply_parked(session)
            session.commit()
    except Exception:
        session.rollback()
        raise
    return outcomes


def save_article(session: Session, *, article: EnrichedArticle) -> SaveOutcome:
    return save_articles(session, articles=[article])[0]
