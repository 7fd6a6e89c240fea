"""Reading which entities are one actor across articles: a surname or an acronym linked to its full name.

Decided when read, from what is stored then (same_actor.py decides): nothing
is written, so concurrent store replicas have nothing to agree on, and a link
appears or goes away as the articles that justify it come and go.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import or_
from sqlmodel import Session, col, select

from newsflow_store.crud.entities import names_of
from newsflow_store.models import EntityLinkRow, EntityRow
from newsflow_store.same_actor import Known, SameActor, full_name_for

# More full names than this under one surname and a bare surname is never theirs anyway.
_MOST_FULL_NAMES = 50


@dataclass(frozen=True)
class SameActorLinks:
    """How one entity stands among the names of its key."""

    same_as: SameActor | None = None  # a short name: the full name it stands for
    linked: list[SameActor] = field(default_factory=list)  # a full name: the short names standing for it
    names: dict[str, EntityRow] = field(default_factory=dict)  # every entity named in the links, by id

    @property
    def merged_ids(self) -> list[str]:
        """The ids of every entity that is this one actor (the full name's first)."""
        if self.same_as is not None:
            return [self.same_as.full_id, self.same_as.short_id]
        return [*(link.full_id for link in self.linked[:1]), *(link.short_id for link in self.linked)]


def same_actor_links(session: Session, entity: EntityRow) -> SameActorLinks:
    if entity.link_key is None:
        return SameActorLinks()
    group = list(session.exec(
        select(EntityRow).where(EntityRow.link_key == entity.link_key, EntityRow.type == entity.type,
                                EntityRow.article_count > 0)
        .order_by(col(EntityRow.short_name).desc(), col(EntityRow.article_count).desc(), col(EntityRow.id))
        .limit(_MOST_FULL_NAMES + 1)
    ).all())
    if len(group) > _MOST_FULL_NAMES:
        return SameActorLinks()
    shorts = [row for row in group if row.short_name]
    fulls = [row for row in group if not row.short_name]
    if not shorts or not fulls:
        return SameActorLinks()
    known = _known(session, group)
    links = [link for short in shorts
             if (link := full_name_for(known[short.id], [known[full.id] for full in fulls])) is not None]
    names = {row.id: row for row in group}
    if entity.short_name:
        return SameActorLinks(same_as=next((link for link in links if link.short_id == entity.id), None), names=names)
    return SameActorLinks(linked=[link for link in links if link.full_id == entity.id], names=names)


def _known(session: Session, rows: list[EntityRow]) -> dict[str, Known]:
    ids = [row.id for row in rows]
    titles = names_of(session, entity_ids=ids)
    co_mentioned: dict[str, set[str]] = defaultdict(set)
    for person_id, organization_id in session.exec(
        select(EntityLinkRow.person_id, EntityLinkRow.organization_id)
        .where(EntityLinkRow.article_count > 0,
               or_(col(EntityLinkRow.person_id).in_(ids), col(EntityLinkRow.organization_id).in_(ids)))
    ).all():
        co_mentioned[person_id].add(organization_id)
        co_mentioned[organization_id].add(person_id)
    return {row.id: Known(id=row.id, name=row.name, type=row.type, titles=frozenset(titles[row.id]["title"]),
                          co_mentioned=frozenset(co_mentioned[row.id])) for row in rows}
