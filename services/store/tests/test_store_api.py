"""The query API over a store holding a few invented articles."""

from __future__ import annotations

import httpx
import pytest
import pytest_asyncio
from sqlmodel import Session

from newsflow_store.app import create_app
from newsflow_store.crud import save_articles

ARTICLE_IDS = [f"art-{n}" for n in range(5)]
UPDATED_IDS = {"art-3", "art-4"}  # stored as revision 2: one more quote and an organization


def client_for(app) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://store.test")


@pytest_asyncio.fixture(loop_scope="function")
async def client(store_engine, make_article):
    with Session(store_engine) as session:
        save_articles(
            session,
            articles=[make_article(i, revision=2 if i in UPDATED_IDS else 1) for i in ARTICLE_IDS],
        )
    async with client_for(create_app(store_engine)) as client:
        yield client


async def test_articles_are_paged_with_their_total(client):
    first = (await client.get("/articles", params={"limit": 2})).json()
    assert (first["total"], first["limit"], first["offset"], len(first["items"])) == (5, 2, 0, 2)

    pages = [(await client.get("/articles", params={"limit": 2, "offset": offset})).json() for offset in (0, 2, 4)]
    assert [len(page["items"]) for page in pages] == [2, 2, 1]
    assert sorted(item["article_id"] for page in pages for item in page["items"]) == ARTICLE_IDS

    past_the_end = (await client.get("/articles", params={"offset": 10})).json()
    assert past_the_end["items"] == [] and past_the_end["total"] == 5
    default = (await client.get("/articles")).json()
    assert default["limit"] == 20 and len(default["items"]) == 5


async def test_an_article_summary_names_its_source_and_pipeline(client):
    items = (await client.get("/articles")).json()["items"]
    art_3 = next(item for item in items if item["article_id"] == "art-3")
    assert art_3["title"] == "Riverside bridge to reopen in May (art-3) [updated]"
    assert art_3["authors"] == ["Nadia Kowal", "Peter Lind"]
    assert art_3["pipeline"] == {"parse": "0.1.0", "enrich": "0.1.0"}
    assert art_3["stored_at"]


async def test_one_article_comes_with_body_quotes_and_entities(client, make_article):
    response = await client.get("/articles/art-3")

    assert response.status_code == 200
    article = response.json()
    expected = make_article("art-3", revision=2).model_dump(mode="json")
    assert {key: article[key] for key in expected} == expected
    for quote in article["quotes"]:
        assert article["body"][quote["start"]:quote["end"]] == quote["text"]


async def test_an_unknown_article_is_a_404_that_says_so(client):
    response = await client.get("/articles/no-such-article")

    assert response.status_code == 404
    assert "no-such-article" in response.json()["detail"]


@pytest.mark.parametrize("path", ["/articles", "/quotes", "/entities"])
@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 1000}, {"limit": 101}, {"offset": -1}, {"limit": "ten"}])
async def test_paging_out_of_bounds_is_refused(client, path, params):
    response = await client.get(path, params=params)

    assert response.status_code == 422
    assert next(iter(params)) in response.json()["detail"]


async def test_the_largest_page_is_allowed(client):
    assert (await client.get("/quotes", params={"limit": 100})).status_code == 200


async def test_quotes_filter_by_article_and_by_speaker_in_any_case(client):
    of_one = (await client.get("/quotes", params={"article_id": "art-3"})).json()
    assert [q["id"] for q in of_one["items"]] == ["q1", "q2", "q3"] and of_one["total"] == 3
    assert {q["article_id"] for q in of_one["items"]} == {"art-3"}

    by_ortiz = (await client.get("/quotes", params={"speaker": "ortiz", "limit": 2})).json()
    assert by_ortiz["total"] == 5  # one per article
    assert len(by_ortiz["items"]) == 2 and {q["speaker"] for q in by_ortiz["items"]} == {"Ortiz"}

    by_reyes_entity = (await client.get("/quotes", params={"actor_id": "ent-reyes"})).json()
    assert by_reyes_entity["total"] == 5 + len(UPDATED_IDS)

    assert (await client.get("/quotes")).json()["total"] == 2 * 5 + len(UPDATED_IDS)
    nobody = (await client.get("/quotes", params={"speaker": "nobody"})).json()
    assert nobody == {"items": [], "total": 0, "limit": 20, "offset": 0}


async def test_entities_filter_by_type(client):
    organizations = (await client.get("/entities", params={"type": "organization"})).json()
    assert organizations["total"] == len(UPDATED_IDS)
    assert {(e["article_id"], e["name"]) for e in organizations["items"]} == {
        (i, "Riverside Transit Authority") for i in UPDATED_IDS
    }

    people = (await client.get("/entities", params={"type": "person", "limit": 100})).json()
    assert people["total"] == 10
    ortiz = next(e for e in people["items"] if e["entity_id"] == "ent-ortiz")
    assert ortiz["aliases"] == ["Ortiz", "Mayor Lena Ortiz"] and ortiz["titles"] == ["Mayor"]
    assert ortiz["mention_count"] == 2

    assert (await client.get("/entities")).json()["total"] == 10 + len(UPDATED_IDS)
    assert (await client.get("/entities", params={"type": "planet"})).status_code == 422


async def test_health_and_readiness_report_the_database(client):
    assert (await client.get("/healthz")).json() == {"status": "ok"}
    ready = await client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json() == {"ready": True, "checks": {"database": True}}


async def test_readiness_fails_when_the_database_does_not_answer(tmp_path):
    from newsflow_store.db import make_engine

    missing_folder = tmp_path / "no" / "such" / "folder" / "store.db"
    async with client_for(create_app(make_engine(f"sqlite:///{missing_folder}"))) as client:
        response = await client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": False}
