"""Reading canonical entities: actors (people) and organizations across all stored articles."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import and_, exists, func, or_
from sqlmodel import Session, col, select

from newsflow_store.keyset import Ordering
from newsflow_store.models import EntityLinkRow, EntityNameRow, EntityRow

ACTOR_TYPES = ("person",)
ORGANIZATION_TYPES = ("organization",)
BY_QUOTES = Ordering("entities:quote_count:desc", (EntityRow.quote_count, EntityRow.id), descending=True)
BY_ARTICLES = Ordering("entities:article_count:desc", (EntityRow.article_count, EntityRow.id), descending=True)
TOP_LINKS = 10


def _present(types: tuple[str, ...]) -> list:
    # An entity whose every article was replaced by versions without it keeps its row, at zero.
    return [col(EntityRow.type).in_(types), EntityRow.article_count > 0]


def list_entities(
    session: Session,
    *,
    types: tuple[str, ...],
    search: str | None = None,
    ordering: Ordering = BY_QUOTES,
    after: list | None = None,
    limit: int = 20,
) -> list[EntityRow]:
    query = select(EntityRow).where(*_present(types))
    if search:
        needle = search.strip().lower()
        alias_matches = exists().where(
            col(EntityNameRow.entity_id) == EntityRow.id,
            col(EntityNameRow.kind) == "alias",
            func.lower(EntityNameRow.value).contains(needle, autoescape=True),
        )
        query = query.where(or_(func.lower(EntityRow.name).contains(needle, autoescape=True), alias_matches))
    if after is not None:
        query = query.where(ordering.after(after))
    return list(session.exec(query.order_by(*ordering.order_by()).limit(limit)).all())


def get_entity(session: Session, *, entity_id: str, types: tuple[str, ...]) -> EntityRow | None:
    return session.exec(select(EntityRow).where(EntityRow.id == entity_id, *_present(types))).first()


def names_of(session: Session, *, entity_ids: list[str]) -> dict[str, dict[str, list[str]]]:
    """Each entity's aliases and titles, the most used first: {id: {"alias": [...], "title": [...]}}."""
    names: dict[str, dict[str, list[str]]] = defaultdict(lambda: {"alias": [], "title": []})
    rows = session.exec(
        select(EntityNameRow).where(col(EntityNameRow.entity_id).in_(entity_ids))
        .order_by(col(EntityNameRow.entity_id), col(EntityNameRow.kind), col(EntityNameRow.article_count).desc(),
                  col(EntityNameRow.value))
    ).all()
    for row in rows:
        names[row.entity_id][row.kind].append(row.value)
    return names


@dataclass(frozen=True)
class Link:
    entity: EntityRow
    shared_articles: int


def organizations_of(session: Session, *, person_id: str, limit: int = TOP_LINKS) -> list[Link]:
    return _linked(session, EntityLinkRow.person_id == person_id, EntityLinkRow.organization_id, limit)


def people_of(session: Session, *, organization_id: str, limit: int = TOP_LINKS) -> list[Link]:
    return _linked(session, EntityLinkRow.organization_id == organization_id, EntityLinkRow.person_id, limit)


def _linked(session: Session, condition, other_id, limit: int) -> list[Link]:
    rows = session.exec(
        select(EntityRow, EntityLinkRow.article_count)
        .join(EntityLinkRow, and_(other_id == EntityRow.id, condition))
        .where(EntityLinkRow.article_count > 0)
        .order_by(col(EntityLinkRow.article_count).desc(), col(EntityRow.id))
        .limit(limit)
    ).all()
    return [Link(entity, shared) for entity, shared in rows]
