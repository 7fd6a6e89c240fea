from fastapi import APIRouter, HTTPException

from newsflow_store import crud
from newsflow_store.api.deps import SessionDep
from newsflow_store.api.pagination import Limit, Offset
from newsflow_store.convert import article_summary
from newsflow_store.models import ArticleDetail, ArticleSummary, Page

router = APIRouter(prefix="/articles", tags=["articles"])


@router.get("", summary="Stored articles, most recently stored first")
def read_articles(session: SessionDep, limit: Limit = 20, offset: Offset = 0) -> Page[ArticleSummary]:
    rows = crud.list_articles(session, offset=offset, limit=limit)
    return Page(
        items=[article_summary(row) for row in rows],
        total=crud.count_articles(session),
        limit=limit,
        offset=offset,
    )


@router.get("/{article_id}", summary="One article: metadata, body, quotes and entities")
def read_article(session: SessionDep, article_id: str) -> ArticleDetail:
    article = crud.get_article(session, article_id=article_id)
    if article is None:
        raise HTTPException(status_code=404, detail=f"No article with id {article_id!r} is stored")
    return article
