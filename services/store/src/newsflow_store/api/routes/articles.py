import asyncio
from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import JSONResponse
from sqlmodel import Session

from newsflow_shared.problems import problem
from newsflow_store import crud
from newsflow_store.api.deps import SessionDep
from newsflow_store.api.pagination import Cursor, FromMoment, Limit, ToMoment, after_cursor, page_of
from newsflow_store.crud.articles import ARTICLE_ORDERINGS
from newsflow_store.schemas import ArticleDetail, ArticleStatus, ArticleSummary, Page
from newsflow_store.api.views import article_detail, article_status, article_summary

router = APIRouter(prefix="/articles", tags=["articles"])

NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"description": "No such article"}}


@router.get("", summary="Stored articles: filtered, searched, sorted, paged by cursor")
def read_articles(
    session: SessionDep,
    actor: Annotated[str | None, Query(description="Only articles naming this actor (entity id)",
                                       examples=["person-lena-ortiz"])] = None,
    organization: Annotated[str | None, Query(description="Only articles naming this organization (entity id)")] = None,
    source: Annotated[str | None, Query(description="Outlet: agency, site name or source, any case",
                                        examples=["Valley Press"])] = None,
    published_from: Annotated[FromMoment, Query(description="Published on or after (date or date-time)")] = None,
    published_to: Annotated[ToMoment, Query(description="Published on or before (a date includes the day)")] = None,
    q: Annotated[str | None, Query(min_length=1, max_length=500, examples=['bridge "safe crossing" -tram'],
                                   description="Full-text search of title and body: words, \"phrases\", -exclusions")]
    = None,
    sort: Annotated[Literal["stored_at", "published_at"], Query(description="Sort key (undated articles sort oldest)")]
    = "stored_at",
    order: Annotated[Literal["desc", "asc"], Query()] = "desc",
    limit: Limit = 20,
    cursor: Cursor = None,
    with_total: Annotated[bool, Query(description="Also count every match (costs a query)")] = False,
) -> Page[ArticleSummary]:
    ordering = ARTICLE_ORDERINGS[(sort, order == "desc")]
    filters = crud.ArticleFilters(actor_id=actor, organization_id=organization, source=source,
                                  published_from=published_from, published_before=published_to, search=q)
    rows = crud.list_articles(session, filters=filters, ordering=ordering, after=after_cursor(ordering, cursor),
                              limit=limit + 1)
    total = crud.count_articles(session, filters=filters) if with_total else None
    return page_of(rows, limit=limit, ordering=ordering, total=total,
                   present=lambda shown: [article_summary(row) for row in shown])


@router.get("/{article_id}", summary="One article: metadata, body, quotes with speakers, entities",
            responses=NOT_FOUND)
def read_article(session: SessionDep, article_id: str) -> ArticleDetail:
    article = crud.get_article(session, article_id=article_id)
    if article is None:
        raise HTTPException(404, f"No article with id {article_id!r} is stored (yet): "
                                 f"see /articles/{article_id}/status")
    return article_detail(article)


@router.get(
    "/{article_id}/status",
    summary="How far an article got: received, parsed, enriched, stored, or failed with the reason",
    description=(
        "Known from the moment ingest accepted the article: for an id the store has not seen yet, the "
        "answer waits (a few seconds at most) until the store has read everything ingest had written to "
        "articles.raw by then. 404 then means ingest never accepted it; 503 (with Retry-After) that the "
        "store could not catch up in time, so it cannot tell yet."
    ),
    responses={**NOT_FOUND, 503: {"description": "The store is behind on articles.raw; retry"}},
    response_model=ArticleStatus,
)
async def read_status(request: Request, article_id: str) -> ArticleStatus | JSONResponse:
    engine = request.app.state.store_engine

    def lookup():
        with Session(engine) as session:
            return crud.get_status(session, article_id=article_id)

    found = await asyncio.to_thread(lookup)
    barrier = getattr(request.app.state, "store_status_barrier", None)
    if found is None and barrier is not None:
        caught_up = await barrier.caught_up()
        found = await asyncio.to_thread(lookup)
        if found is None and not caught_up:
            # Built here, not raised: the shared problem handler drops an HTTPException's headers.
            response = problem(503, "Status not known yet", "The store has not yet read everything ingest "
                               f"accepted, so it cannot tell whether {article_id!r} was: retry shortly")
            response.headers["Retry-After"] = "2"
            return response
    if found is None:
        raise HTTPException(404, f"No article with id {article_id!r} was accepted")
    return article_status(*found)
