"""Counts across articles for each canonical entity, kept right as articles come and are replaced.

An article contributes to each entity it names: one article, its mentions,
the quotes attributed to it, one use of each alias and title, and one shared
article for each person-organization pair in it. Saving an article adds its
contribution; replacing it subtracts the old version's first. Counts are
changed by increments (count = count + delta), never recomputed from a read,
so the result does not depend on what a concurrent transaction has committed;
on PostgreSQL a batch parks its increments and they are added right after it
commits (EntityLedger.record, apply_parked).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Protocol

from sqlalchemy import Integer, String, and_, bindparam, delete, func, select, text, update
from sqlalchemy.types import TypeEngine
from sqlmodel import Session, col

from newsflow_store.models import (
    EntityLinkRow,
    EntityNameRow,
    EntityRow,
    PendingEntityCount,
    PendingEntityLink,
    PendingEntityName,
)
from newsflow_store.upsert import among, insert_ignoring_duplicates, insert_many, insert_rows, rows_parameter, rows_table_of
from newsflow_store.same_actor import link_columns

# The columns of one entity's change, as rows_table_of reads them.
CHANGE_TYPES: dict[str, TypeEngine] = {
    "e_id": String(), "d_articles": Integer(), "d_quotes": Integer(), "d_mentions": Integer(), "e_name": String(),
    "e_type": String(),
}


class EntityShare(Protocol):
    """What the ledger reads of an article's entity: an ArticleEntityRow, or the row of one read back."""

    @property
    def entity_id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def type(self) -> str: ...
    @property
    def mention_count(self) -> int: ...
    @property
    def aliases(self) -> list[str]: ...
    @property
    def titles(self) -> list[str]: ...


class QuoteShare(Protocol):
    """What the ledger reads of an article's quote: a QuoteRow, or the row of one read back."""

    @property
    def actor_id(self) -> str | None: ...


@dataclass
class EntityChange:
    articles: int = 0
    quotes: int = 0
    mentions: int = 0
    name: str | None = None  # from the latest added article: the canonical name and type to keep
    type: str | None = None


class EntityLedger:
    """What one batch of writes changes in the entity counts; applied once, at the end of the batch."""

    def __init__(self) -> None:
        self.entities: dict[str, EntityChange] = {}
        self.names: Counter[tuple[str, str, str]] = Counter()
        self.links: Counter[tuple[str, str]] = Counter()

    def add(self, entities: Iterable[EntityShare], quotes: Iterable[QuoteShare]) -> None:
        self._count(list(entities), list(quotes), +1)

    def subtract(self, entities: Iterable[EntityShare], quotes: Iterable[QuoteShare]) -> None:
        self._count(list(entities), list(quotes), -1)

    def _count(self, entities: list[EntityShare], quotes: list[QuoteShare], sign: int) -> None:
        quotes_by_actor = Counter(q.actor_id for q in quotes if q.actor_id)
        for entity in entities:
            change = self.entities.setdefault(entity.entity_id, EntityChange())
            change.articles += sign
            change.mentions += sign * entity.mention_count
            change.quotes += sign * quotes_by_actor[entity.entity_id]
            if sign > 0:
                change.name, change.type = entity.name, entity.type
            for kind, values in (("alias", entity.aliases), ("title", entity.titles)):
                for value in set(values):
                    self.names[(entity.entity_id, kind, value)] += sign
        people = {e.entity_id for e in entities if e.type == "person"}
        organizations = {e.entity_id for e in entities if e.type == "organization"}
        for person in people:
            for organization in organizations:
                self.links[(person, organization)] += sign

    def record(self, session: Session) -> None:
        """Make the changes part of the batch's transaction.

        SQLite (one writer at a time): applied to the counts at once.
        PostgreSQL: parked in the pending_entity_* tables, insert only, so that
        no popular entity's row stays locked while the batch waits for and
        holds its statements' turn; apply_parked adds them once the batch has
        committed. Committed together with the articles, they are never lost;
        whoever applies next (this writer or another) adds each exactly once.
        """
        if session.get_bind().dialect.name == "postgresql":
            self._park(session)
        else:
            self.apply(session)

    def apply(self, session: Session) -> None:
        """Write the changes, in key order (two writers then lock rows in the same order)."""
        self._apply_entities(session)
        self._apply_counted(session, EntityNameRow, ["entity_id", "kind", "value"], self.names)
        self._apply_counted(session, EntityLinkRow, ["person_id", "organization_id"], self.links)
        self._clear()

    def _clear(self) -> None:
        self.entities.clear()
        self.names.clear()
        self.links.clear()

    def _park(self, session: Session) -> None:
        insert_rows(session, PendingEntityCount, [
            {"entity_id": entity_id, "d_articles": c.articles, "d_quotes": c.quotes, "d_mentions": c.mentions,
             "name": c.name, "type": c.type} for entity_id, c in sorted(self.entities.items())])
        insert_rows(session, PendingEntityName, [
            {"entity_id": entity_id, "kind": kind, "value": value, "delta": delta}
            for (entity_id, kind, value), delta in sorted(self.names.items()) if delta])
        insert_rows(session, PendingEntityLink, [
            {"person_id": person, "organization_id": organization, "delta": delta}
            for (person, organization), delta in sorted(self.links.items()) if delta])
        self._clear()

    def _apply_entities(self, session: Session) -> None:
        rows = [
            {"e_id": entity_id, "d_articles": c.articles, "d_quotes": c.quotes, "d_mentions": c.mentions,
             "e_name": c.name, "e_type": c.type}
            for entity_id, c in sorted(self.entities.items())
        ]
        if not rows:
            return
        if session.get_bind().dialect.name == "postgresql":  # one UPDATE … FROM the rows, whatever their number
            change = rows_table_of(CHANGE_TYPES)
            session.connection().execute(
                update(EntityRow).where(col(EntityRow.id) == change.c.e_id).values(
                    article_count=col(EntityRow.article_count) + change.c.d_articles,
                    quote_count=col(EntityRow.quote_count) + change.c.d_quotes,
                    mention_count=col(EntityRow.mention_count) + change.c.d_mentions,
                    name=func.coalesce(change.c.e_name, EntityRow.name),
                    type=func.coalesce(change.c.e_type, EntityRow.type)),
                rows_parameter(rows))
            return
        counts = {
            "article_count": col(EntityRow.article_count) + bindparam("d_articles"),
            "quote_count": col(EntityRow.quote_count) + bindparam("d_quotes"),
            "mention_count": col(EntityRow.mention_count) + bindparam("d_mentions"),
        }
        connection = session.connection()  # Core executemany, not the ORM's bulk update by primary key
        renamed = [r for r in rows if r["e_name"] is not None]
        unnamed = [r for r in rows if r["e_name"] is None]
        by_id = col(EntityRow.id) == bindparam("e_id")
        if renamed:
            connection.execute(
                update(EntityRow).where(by_id).values(**counts, name=bindparam("e_name"), type=bindparam("e_type")),
                renamed,
            )
        if unnamed:
            connection.execute(update(EntityRow).where(by_id).values(**counts), unnamed)

    @staticmethod
    def _apply_counted(session: Session, model, keys: list[str], deltas: Counter) -> None:
        changed = [dict(zip(keys, key), article_count=delta) for key, delta in sorted(deltas.items()) if delta]
        if not changed:
            return
        insert_many(session, model, changed, AddCounts(tuple(keys)))
        connection = session.connection()
        # What no article uses any more goes: an alias nobody writes is not an alias.
        gone = [{f"k_{k}": row[k] for k in keys} for row in changed if row["article_count"] < 0]
        if gone:
            match = and_(*(getattr(model, k) == bindparam(f"k_{k}") for k in keys), model.article_count <= 0)
            connection.execute(delete(model).where(match), gone)


@dataclass(frozen=True)
class AddCounts:
    """ON CONFLICT on these keys: the stored article_count plus the new row's (upsert.OnConflict)."""

    keys: tuple[str, ...]

    def __call__(self, statement, names: tuple[str, ...]):
        return statement.on_conflict_do_update(index_elements=list(self.keys), set_={
            "article_count": statement.table.c.article_count + statement.excluded.article_count})


def apply_parked(session: Session) -> None:
    """Add every parked change committed so far to the counts, in the session's (short) transaction.

    Each pending row is claimed by deleting it (DELETE … RETURNING): a writer
    applying at the same time waits for the rows this one claimed and then
    finds them gone, so each change is added once. Changes to one entity add
    up, in the order they were parked (the newest name wins, as in one writer).
    """
    connection, ledger = session.connection(), EntityLedger()
    parked = connection.execute(text(
        "DELETE FROM pending_entity_counts RETURNING id, entity_id, d_articles, d_quotes, d_mentions, name, type"))
    for row in sorted(parked.all(), key=lambda row: row.id):  # in the order they were parked
        change = ledger.entities.setdefault(row.entity_id, EntityChange())
        change.articles += row.d_articles
        change.quotes += row.d_quotes
        change.mentions += row.d_mentions
        if row.name is not None:
            change.name, change.type = row.name, row.type
    for row in connection.execute(text("DELETE FROM pending_entity_names RETURNING entity_id, kind, value, delta")):
        ledger.names[(row.entity_id, row.kind, row.value)] += row.delta
    for row in connection.execute(text(
            "DELETE FROM pending_entity_links RETURNING person_id, organization_id, delta")):
        ledger.links[(row.person_id, row.organization_id)] += row.delta
    ledger.apply(session)


def ensure_entities(session: Session, entities: Iterable[EntityShare]) -> None:
    """Create the entity rows an article's rows will point to (counts start at zero, the ledger adds).

    Only the missing ones are inserted: an INSERT … ON CONFLICT that meets a row
    another transaction is updating waits for it to end (the unique check must
    know whether the row stays), and popular entities' counts change in every batch.
    """
    rows = {e.entity_id: {"id": e.entity_id, "name": e.name, "type": e.type, "article_count": 0,
                          "quote_count": 0, "mention_count": 0, **link_columns(e.name, e.type)} for e in entities}
    if not rows:
        return
    existing = set(session.connection().execute(
        select(col(EntityRow.id)).where(among(session, EntityRow.id, rows))).scalars())
    insert_ignoring_duplicates(session, EntityRow, [rows[k] for k in sorted(rows.keys() - existing)], ["id"])
