"""The store's web pages: what a reporter opens in a browser, over the same reads as the API."""

from fastapi import APIRouter

from newsflow_store.web import pages, sign_in

web_router = APIRouter()
web_router.include_router(pages.router)
web_router.include_router(sign_in.router)
