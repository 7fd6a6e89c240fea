"""All of the store's query routes; any FastAPI app with `state.store_engine` set can include them."""

from fastapi import APIRouter

from newsflow_store.api.routes import articles, entities, quotes

api_router = APIRouter()
api_router.include_router(articles.router)
api_router.include_router(quotes.router)
api_router.include_router(entities.router)
