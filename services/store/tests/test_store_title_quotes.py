"""Headline attributions (schema 1.3.0's title_quotes) are kept with their article and shown, on SQLite and PostgreSQL."""

from __future__ import annotations

from alembic import command
from sqlmodel import Session

from newsflow_shared.events import QuotePart, TitleQuote
from newsflow_store.api.views import article_detail
from newsflow_store.app import create_app
from newsflow_store.crud import get_article
from newsflow_store.db import alembic_config, migrate

TITLE = "Marsh: Rural clinics to stay open on weekends"
CLAIM = "Rural clinics to stay open on weekends"


def with_headline(article, actor_id: str | None):
    start = TITLE.index(CLAIM)
    quote = TitleQuote(id=f"{article.article_id}-t1", text=CLAIM, kind="indirect", start=start, end=len(TITLE),
                       parts=[QuotePart(start=start, end=len(TITLE))], speaker="Marsh", speaker_start=0,
                       speaker_end=5, actor_id=actor_id, found_by="headline-colon", speaker_by="headline-colon")
    return article.model_copy(update={"metadata": article.metadata.model_copy(update={"title": TITLE}),
                                      "title_quotes": [quote]})


async def test_headline_attributions_are_kept_and_returned_as_given(store_engine, compose, named, save_to,
                                                                     client_for):
    marsh = named("person-helena-marsh", "Helena Marsh", mentions=["Helena Marsh"])
    article = with_headline(compose("h-1", "Helena Marsh runs the board.", named=[marsh]), marsh.id)
    save_to(store_engine, article)

    async with client_for(create_app(store_engine)) as client:
        stored = (await client.get("/articles/h-1")).json()
        page = (await client.get("/ui/articles/h-1")).text

    assert stored["title_quotes"] == [article.title_quotes[0].model_dump(mode="json")]
    assert stored["quotes"] == []  # the body's quotes are apart
    assert "In the headline" in page
    assert f'data-title-quote-id="h-1-t1" title="indirect quote in the headline">{CLAIM}</span>' in page
    assert f'href="/ui/actors/{marsh.id}">Helena Marsh</a>' in page


def test_articles_stored_before_headline_attributions_read_with_none(store_engine, compose, save_to):
    save_to(store_engine, with_headline(compose("h-1", "Nothing else."), None))
    with store_engine.begin() as connection:
        command.downgrade(alembic_config(connection), "0005")
    migrate(store_engine)
    with Session(store_engine) as session:
        assert article_detail(get_article(session, article_id="h-1")).title_quotes == []
