from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query

from newsflow_store import crud
from newsflow_store.api.deps import SessionDep
from newsflow_store.api.pagination import Cursor, Limit, after_cursor, page_of
from newsflow_store.api.routes.quotes import summaries
from newsflow_store.crud.articles import ARTICLE_ORDERINGS
from newsflow_store.crud.entities import ACTOR_TYPES, BY_QUOTES
from newsflow_store.crud.quotes import NEWEST_FIRST
from newsflow_store.models import EntityRow
from newsflow_store.schemas import ActorDetail, ArticleSummary, EntitySummary, Page, StatementSummary
from newsflow_store.api.views import affiliations, article_summary, entity_summary, same_actor_fields

router = APIRouter(prefix="/actors", tags=["actors"])

NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"description": "No such actor"}}
Search = Annotated[str | None, Query(min_length=1, max_length=200, examples=["ortiz"],
                                     description="Part of the name or of an alias, any case")]


def entity_summaries(session, rows: list[EntityRow]) -> list[EntitySummary]:
    names = crud.names_of(session, entity_ids=[row.id for row in rows])
    return [entity_summary(row, names[row.id]) for row in rows]


def actor_or_404(session, actor_id: str) -> EntityRow:
    actor = crud.get_entity(session, entity_id=actor_id, types=ACTOR_TYPES)
    if actor is None:
        raise HTTPException(404, f"No actor with id {actor_id!r}")
    return actor


@router.get("", summary="People across all stored articles, the most quoted first")
def read_actors(session: SessionDep, name: Search = None, limit: Limit = 20, cursor: Cursor = None) -> Page[EntitySummary]:
    rows = crud.list_entities(session, types=ACTOR_TYPES, search=name, ordering=BY_QUOTES,
                              after=after_cursor(BY_QUOTES, cursor), limit=limit + 1)
    return page_of(rows, limit=limit, ordering=BY_QUOTES, present=lambda shown: entity_summaries(session, shown))


@router.get("/{actor_id}", summary="One actor: aliases, titles, affiliations, number of articles",
            responses=NOT_FOUND)
def read_actor(session: SessionDep, actor_id: str) -> ActorDetail:
    actor = actor_or_404(session, actor_id)
    names = crud.names_of(session, entity_ids=[actor.id])[actor.id]
    links = crud.organizations_of(session, person_id=actor.id)
    org_names = crud.names_of(session, entity_ids=[link.entity.id for link in links])
    return ActorDetail(**entity_summary(actor, names).model_dump(), titles=names["title"],
                       affiliations=affiliations(links, names["title"], org_names),
                       **same_actor_fields(crud.same_actor_links(session, actor)))


def merged_ids(session, actor: EntityRow) -> tuple[str, ...]:
    """The actor's id and those of the names linked to it (same_as, short_names)."""
    return tuple(crud.same_actor_links(session, actor).merged_ids or [actor.id])


@router.get("/{actor_id}/articles",
            summary="Every stored article naming the actor, under its full name or a surname linked to it, "
                    "newest first", responses=NOT_FOUND)
def read_actor_articles(session: SessionDep, actor_id: str, limit: Limit = 20,
                        cursor: Cursor = None) -> Page[ArticleSummary]:
    actor = actor_or_404(session, actor_id)
    ordering = ARTICLE_ORDERINGS[("published_at", True)]
    rows = crud.list_articles(session, filters=crud.ArticleFilters(any_entity_ids=merged_ids(session, actor)),
                              ordering=ordering, after=after_cursor(ordering, cursor), limit=limit + 1)
    return page_of(rows, limit=limit, ordering=ordering, present=lambda shown: [article_summary(row) for row in shown])


@router.get("/{actor_id}/quotes", summary="What an actor said, across all articles and outlets, newest first "
                                          "(under its full name or a surname linked to it)",
            responses=NOT_FOUND)
def read_actor_quotes(session: SessionDep, actor_id: str, limit: Limit = 20,
                      cursor: Cursor = None) -> Page[StatementSummary]:
    actor = actor_or_404(session, actor_id)
    rows = crud.list_statements(session, filters=crud.StatementFilters(actor_ids=merged_ids(session, actor)),
                                ordering=NEWEST_FIRST,
                                after=after_cursor(NEWEST_FIRST, cursor), limit=limit + 1)
    return page_of(rows, limit=limit, ordering=NEWEST_FIRST, present=lambda shown: summaries(session, shown))
