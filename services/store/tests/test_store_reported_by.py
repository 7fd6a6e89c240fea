"""Who reported a statement: named outlets listed, articles that name no outlet counted apart, never listed by id."""

from __future__ import annotations

import httpx
from sqlmodel import Session

from newsflow_store.app import create_app
from newsflow_store.models import StatementRow

PLEDGE = "We will keep the night ferry running through the winter"


def reporting_articles(compose, said):
    """One pledge reported by five invented articles: two name their outlet, one names it by source, two name none."""
    def body(lead: str) -> str:
        return f"{lead} \u201c{PLEDGE},\u201d Harbour Minister Ana Sousa said on Friday."

    quoted = [said(f"\u201c{PLEDGE},\u201d", "Harbour Minister Ana Sousa")]
    twice = ("Sousa repeated it twice. \u201cNo cuts,\u201d Harbour Minister Ana Sousa said. "
             f"\u201c{PLEDGE},\u201d Harbour Minister Ana Sousa said on Friday.")
    return [
        compose("wire-1", body("Ferry news."), said=quoted, agency="AP", site_name="Kelby Chronicle",
                published_at="2024-11-01T08:00:00Z"),
        compose("anon-1", body("Islanders cheered."), said=quoted, published_at="2024-11-01T09:00:00Z"),
        compose("site-1", body("At the harbour:"), said=quoted, site_name="Coastal Gazette",
                published_at="2024-11-01T10:00:00Z"),
        compose("anon-2", twice, said=[said("\u201cNo cuts,\u201d", "Harbour Minister Ana Sousa"), *quoted],
                published_at="2024-11-01T11:00:00Z"),
        compose("feed-1", body("Late edition."), said=quoted, source="Island Radio",
                published_at="2024-11-01T12:00:00Z"),
    ]


def client_for(engine) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=create_app(engine)), base_url="http://store.test")


async def test_reported_by_lists_named_outlets_and_counts_the_articles_naming_none(store_engine, save_to, compose,
                                                                                    said):
    save_to(store_engine, *reporting_articles(compose, said))

    async with client_for(store_engine) as client:
        found = (await client.get("/quotes", params={"q": "night ferry winter"})).json()["items"]
        assert len(found) == 1
        pledge = found[0]
        assert pledge["reported_by"] == ["AP", "Coastal Gazette", "Island Radio"]
        assert pledge["articles_without_outlet"] == 2
        assert pledge["report_count"] == 5

        detail = (await client.get(f"/quotes/{pledge['id']}")).json()
        assert [(r["article_id"], r["outlet"]) for r in detail["reports"]] == [
            ("wire-1", "AP"), ("anon-1", None), ("site-1", "Coastal Gazette"), ("anon-2", None),
            ("feed-1", "Island Radio")]
        assert (detail["reported_by"], detail["articles_without_outlet"]) == (pledge["reported_by"], 2)

        # The stored statement counts the same outlets the API lists.
        with Session(store_engine) as session:
            assert session.get(StatementRow, pledge["id"]).outlet_count == 3

        # The other quote of anon-2 comes from an article naming no outlet: no outlet to list, one article to count.
        no_cuts = (await client.get("/quotes", params={"q": "no cuts"})).json()["items"]
        assert [(s["reported_by"], s["articles_without_outlet"]) for s in no_cuts] == [([], 1)]


async def test_statements_all_of_named_outlets_count_no_unnamed_articles(store_engine, save_to, compose, said):
    wire, _, site, _, _ = reporting_articles(compose, said)
    save_to(store_engine, wire, site)

    async with client_for(store_engine) as client:
        pledge = (await client.get("/quotes", params={"q": "night ferry winter"})).json()["items"][0]

    assert (pledge["reported_by"], pledge["articles_without_outlet"]) == (["AP", "Coastal Gazette"], 0)
