"""The query API over the newsroom: every endpoint and filter, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

ALL = {"ap-1", "pn-1", "sbs-1", "ap-2", "hh-1"}
SOUSA, MATOS = "person-ana-sousa", "person-rui-matos"


async def ids(client, path="/articles", **params) -> list[str]:
    response = await client.get(path, params={"limit": 100, **params})
    assert response.status_code == 200, response.text
    return [item.get("article_id") or item["id"] for item in response.json()["items"]]


async def walk(client, path: str, **params) -> list[str]:
    """Every id of a list, following next_cursor page by page."""
    seen, cursor = [], None
    for _ in range(20):
        page = (await client.get(path, params={**params, **({"cursor": cursor} if cursor else {})})).json()
        seen += [item.get("article_id") or item["id"] for item in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            return seen
    raise AssertionError("the cursor never ran out")


# --- articles


async def test_a_page_of_articles_says_where_the_next_starts(client):
    page = (await client.get("/articles", params={"limit": 2})).json()
    assert set(page) == {"items", "limit", "next_cursor", "total"}
    assert len(page["items"]) == 2 and page["limit"] == 2 and page["next_cursor"] and page["total"] is None

    whole = (await client.get("/articles", params={"with_total": "true"})).json()
    assert whole["total"] == 5 and whole["next_cursor"] is None and len(whole["items"]) == 5


@pytest.mark.parametrize("sort", ["stored_at", "published_at"])
@pytest.mark.parametrize("order", ["desc", "asc"])
async def test_cursor_pages_cover_every_article_once_in_order(client, sort, order):
    one_page = await ids(client, sort=sort, order=order)
    assert set(one_page) == ALL
    for limit in (1, 2, 4):
        assert await walk(client, "/articles", sort=sort, order=order, limit=limit) == one_page


async def test_articles_sort_by_publication_undated_as_oldest(client):
    assert await ids(client, sort="published_at", order="desc") == ["sbs-1", "pn-1", "ap-1", "ap-2", "hh-1"]
    assert await ids(client, sort="published_at", order="asc") == ["hh-1", "ap-2", "ap-1", "pn-1", "sbs-1"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"actor": SOUSA}, {"ap-1", "pn-1", "ap-2"}),
        ({"organization": "org-dockworkers"}, {"ap-2"}),
        ({"actor": SOUSA, "organization": "org-island-ferry"}, {"ap-1"}),
        ({"actor": "person-nobody"}, set()),
        ({"source": "ap"}, {"ap-1", "ap-2"}),  # the agency, any case
        ({"source": "AP News"}, {"ap-1"}),  # the site name
        ({"source": "sbs"}, {"sbs-1"}),  # the source the client named
        ({"published_from": "2024-05-02"}, {"ap-1", "pn-1", "sbs-1"}),
        ({"published_to": "2024-05-02"}, {"ap-2", "ap-1", "pn-1"}),  # the whole day; undated never in a range
        ({"published_to": "2024-05-02T12:00:00Z"}, {"ap-2", "ap-1"}),  # pn-1 is 14:00 UTC (16:00+02:00)
        ({"published_from": "2024-05-02T14:00:00Z", "published_to": "2024-05-02T14:00:00Z"}, {"pn-1"}),
        ({"published_from": "2024-05-02T16:00:00+02:00", "published_to": "2024-05-03"}, {"pn-1", "sbs-1"}),
        ({"q": "ferry"}, {"ap-1", "sbs-1", "hh-1"}),  # title or body
        ({"q": "reopening"}, {"ap-1"}),  # stemmed: "reopen"
        ({"q": '"reliable crossing"'}, {"ap-1", "pn-1", "sbs-1"}),
        ({"q": '"crossing reliable"'}, set()),  # a phrase keeps its order
        ({"q": "ferry -captain"}, {"ap-1", "sbs-1"}),
        ({"q": "ferry", "source": "AP"}, {"ap-1"}),
        ({"q": "***"}, set()),
    ],
)
async def test_articles_filter(client, params, expected):
    assert set(await ids(client, **params)) == expected
    filtered = (await client.get("/articles", params={**params, "with_total": "true", "limit": 1})).json()
    assert filtered["total"] == len(expected)
    assert set(await walk(client, "/articles", **params, limit=1)) == expected


async def test_one_article_has_its_quotes_speakers_statements_and_entities(client, newsroom):
    response = await client.get("/articles/ap-1")

    assert response.status_code == 200
    article = response.json()
    ap1 = newsroom[0].model_dump(mode="json")
    assert {key: article[key] for key in ("article_id", "metadata", "body", "entities", "pipeline")} == {
        key: ap1[key] for key in ("article_id", "metadata", "body", "entities", "pipeline")
    }
    assert article["outlet"] == "AP"
    promise, boats = article["quotes"]
    assert {k: promise[k] for k in ap1["quotes"][0]} == ap1["quotes"][0]
    assert (promise["actor_id"], promise["actor_name"]) == (SOUSA, "Ana Sousa")
    assert (boats["actor_id"], boats["actor_name"]) == ("org-island-ferry", "Island Ferry Company")
    statement = (await client.get(f"/quotes/{promise['statement_id']}")).json()
    assert statement["reported_by"] == ["AP", "PinkNews", "SBS"]


async def test_unknown_ids_are_404_problem_details(client):
    for path in ("/articles/nope", "/articles/nope/status", "/actors/nope", "/actors/nope/quotes",
                 "/quotes/nope", "/organizations/nope",
                 f"/organizations/{SOUSA}", "/actors/org-dockworkers"):  # an id of the other kind
        response = await client.get(path)
        assert response.status_code == 404, path
        assert response.headers["content-type"] == "application/problem+json"
        problem = response.json()
        assert (problem["status"], problem["title"], problem["type"]) == (404, "Not Found", "about:blank")
        assert path.rsplit("/", 1)[-1] in problem["detail"] or "nope" in problem["detail"]


@pytest.mark.parametrize(
    ("path", "params", "field"),
    [
        ("/articles", {"limit": 0}, "limit"),
        ("/articles", {"limit": 101}, "limit"),
        ("/quotes", {"limit": "ten"}, "limit"),
        ("/actors", {"limit": 1000}, "limit"),
        ("/organizations", {"limit": -1}, "limit"),
        ("/articles", {"cursor": "not-a-cursor"}, "cursor"),
        ("/quotes", {"cursor": "eyJvIjoiPyJ9"}, "cursor"),
        ("/articles", {"published_from": "last tuesday"}, "published_from"),
        ("/articles", {"published_to": "2024-13-45"}, "published_to"),
        ("/quotes", {"reported_from": "soon"}, "reported_from"),
        ("/articles", {"sort": "title"}, "sort"),
        ("/articles", {"order": "sideways"}, "order"),
        ("/articles", {"q": ""}, "q"),
        ("/quotes", {"kind": "shouted"}, "kind"),
    ],
)
async def test_bad_parameters_are_422_naming_the_field(client, path, params, field):
    response = await client.get(path, params=params)

    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert [error["field"] for error in response.json()["errors"]] == [field]


async def test_a_cursor_of_another_sort_order_is_refused(client):
    cursor = (await client.get("/articles", params={"limit": 1, "sort": "published_at"})).json()["next_cursor"]

    refused = await client.get("/articles", params={"cursor": cursor, "sort": "stored_at"})
    assert refused.status_code == 422 and "sort order" in refused.json()["detail"]
    accepted = await client.get("/articles", params={"cursor": cursor, "sort": "published_at", "limit": 1})
    assert accepted.status_code == 200


async def test_the_largest_page_is_allowed(client):
    assert (await client.get("/quotes", params={"limit": 100})).status_code == 200


async def test_a_stored_article_reports_its_status(client):
    status = (await client.get("/articles/ap-1/status")).json()

    assert status["status"] == "stored" and status["stored_at"] and status["failure"] is None
    assert status["pipeline"] == {"parse": "0.1.0", "enrich": "0.1.0"}


# --- actors and organizations


async def test_actors_come_most_quoted_first_and_are_found_by_name_or_alias(client):
    actors = (await client.get("/actors")).json()["items"]
    assert [(a["id"], a["quote_count"], a["article_count"]) for a in actors] == [(SOUSA, 3, 3), (MATOS, 1, 1)]
    assert actors[0]["aliases"][0] == "Sousa"  # used by two articles, the others by one

    assert await ids(client, "/actors", name="minister sousa") == [SOUSA]  # an alias
    assert await ids(client, "/actors", name="ANA") == [SOUSA]  # the name, any case
    assert await ids(client, "/actors", name="%") == []  # LIKE wildcards are plain characters
    assert await walk(client, "/actors", limit=1) == [SOUSA, MATOS]


async def test_an_actor_with_aliases_titles_affiliations_and_articles(client):
    sousa = (await client.get(f"/actors/{SOUSA}")).json()
    assert (sousa["name"], sousa["article_count"], sousa["quote_count"]) == ("Ana Sousa", 3, 3)
    assert set(sousa["aliases"]) == {"Sousa", "Harbour Minister Ana Sousa", "Minister Sousa"}
    assert set(sousa["titles"]) == {"Harbour Minister", "Minister"}
    assert {(a["id"], a["shared_articles"]) for a in sousa["affiliations"]} == {
        ("org-island-ferry", 1), ("org-dockworkers", 1)}

    matos = (await client.get(f"/actors/{MATOS}")).json()
    assert matos["affiliations"] == [{"id": "org-dockworkers", "name": "Dockworkers Union", "shared_articles": 1,
                                      "named_in_titles": True}]


async def test_what_an_actor_said_across_outlets_newest_first(client):
    said = (await client.get(f"/actors/{SOUSA}/quotes")).json()["items"]

    assert [s["text"] for s in said] == [
        "\u201cWe owe the islanders a reliable crossing, and we will deliver it before summer,\u201d", '"No comment,"']
    assert said[0]["reported_by"] == ["AP", "PinkNews", "SBS"] and said[0]["report_count"] == 3
    assert said[1]["reported_by"] == ["AP"]
    assert len(await walk(client, f"/actors/{SOUSA}/quotes", limit=1)) == 2


async def test_organizations_by_articles_with_the_people_named_with_them(client):
    organizations = (await client.get("/organizations")).json()["items"]
    assert {o["id"] for o in organizations} == {"org-island-ferry", "org-dockworkers"}
    assert await ids(client, "/organizations", name="the union") == ["org-dockworkers"]

    union = (await client.get("/organizations/org-dockworkers")).json()
    assert (union["name"], union["article_count"], union["aliases"]) == ("Dockworkers Union", 1, ["the union"])
    assert {p["id"] for p in union["people"]} == {SOUSA, MATOS}


# --- quotes (statements)


async def test_quotes_are_statements_newest_first(client):
    statements = (await client.get("/quotes")).json()["items"]
    # The captain's, from an undated article, counts as reported when it was stored: the newest.
    said = [(s["speaker"], s["report_count"]) for s in statements]
    assert said[:3] == [("a ferry captain", 1), ("Sousa", 3), ("The Island Ferry Company", 1)]
    assert set(said[3:]) == {("Rui Matos", 1), ("Sousa", 1)}  # the strike's two, reported together
    promise = statements[1]
    assert promise["actor"] == {"id": SOUSA, "name": "Ana Sousa"} and promise["speaker"] == "Sousa"
    assert promise["first_reported_at"] == "2024-05-02T10:00:00Z"
    assert [s["first_reported_at"] for s in statements] == sorted(
        (s["first_reported_at"] for s in statements), reverse=True)


@pytest.mark.parametrize(
    ("params", "count"),
    [
        ({"q": "reliable crossing"}, 1),
        ({"q": "crossing summer islanders"}, 1),  # every word, any order
        ({"q": "comment"}, 2),  # Sousa's and the captain's
        ({"q": "crossing strike"}, 0),
        ({"actor": SOUSA}, 2),
        ({"kind": "indirect"}, 1),
        ({"kind": "direct", "actor": MATOS}, 1),
        ({"reported_from": "2024-05-01", "reported_to": "2024-05-02"}, 2),  # the promise and the boats
        ({"reported_to": "2024-04-30"}, 2),  # the strike's two
    ],
)
async def test_quotes_filter(client, params, count):
    assert len(await ids(client, "/quotes", **params)) == count


async def test_one_statement_with_every_article_that_reported_it(client):
    promise_id = (await ids(client, "/quotes", q="reliable crossing"))[0]

    statement = (await client.get(f"/quotes/{promise_id}")).json()

    assert [(r["article_id"], r["outlet"]) for r in statement["reports"]] == [
        ("ap-1", "AP"), ("pn-1", "PinkNews"), ("sbs-1", "SBS")]
    assert [r["kind"] for r in statement["reports"]] == ["direct", "direct", "mixed"]
    assert statement["reports"][2]["actor_id"] is None  # SBS did not resolve the speaker; the statement did
    assert statement["reports"][1]["text"].startswith('"We owe islanders')


async def test_the_openapi_document_shows_examples(client):
    spec = (await client.get("/openapi.json")).json()
    schemas = spec["components"]["schemas"]
    for name in ("ArticleSummary", "ArticleDetail", "ArticleStatus", "StatementDetail", "ActorDetail"):
        assert schemas[name]["examples"], name
    parameters = {p["name"]: p for p in spec["paths"]["/articles"]["get"]["parameters"]}
    assert parameters["limit"]["schema"]["maximum"] == 100 and parameters["q"]["schema"]["examples"]
