"""All of the store's query routes; any FastAPI app with `state.store_engine` set can include them.

Set `state.store_status_barrier` too (status_barrier.py) for GET /articles/{id}/status
to answer for articles ingest accepted a moment ago.
"""

from fastapi import APIRouter

from newsflow_store.api.routes import actors, articles, organizations, quotes

api_router = APIRouter()
api_router.include_router(articles.router)
api_router.include_router(quotes.router)
api_router.include_router(actors.router)
api_router.include_router(organizations.router)
