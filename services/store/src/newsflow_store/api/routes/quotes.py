from fastapi import APIRouter, Query

from newsflow_store import crud
from newsflow_store.api.deps import SessionDep
from newsflow_store.api.pagination import Limit, Offset
from newsflow_store.convert import quote_public
from newsflow_store.models import Page, QuotePublic

router = APIRouter(prefix="/quotes", tags=["quotes"])


@router.get("", summary="Quotes of all stored articles, each article's in reading order")
def read_quotes(
    session: SessionDep,
    limit: Limit = 20,
    offset: Offset = 0,
    article_id: str | None = Query(default=None, description="Only this article's quotes"),
    speaker: str | None = Query(default=None, description="Speaker mention as written (any case)"),
    actor_id: str | None = Query(default=None, description="Only quotes resolved to this entity"),
) -> Page[QuotePublic]:
    filters = {"article_id": article_id, "speaker": speaker, "actor_id": actor_id}
    rows = crud.list_quotes(session, offset=offset, limit=limit, **filters)
    return Page(
        items=[quote_public(row) for row in rows],
        total=crud.count_quotes(session, **filters),
        limit=limit,
        offset=offset,
    )
