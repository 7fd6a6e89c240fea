"""Hostile query parameters: extreme dates and forged cursors get a 422 naming the parameter, never a 500.

Each case was a finding of probing the store as an attacker would (issue 15).
"""

from __future__ import annotations

import base64
import json

import httpx
import pytest
import pytest_asyncio

from newsflow_store.app import create_app


def forged(payload: str) -> str:
    return base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")


@pytest_asyncio.fixture(loop_scope="function")
async def client(newsroom_store):
    app = create_app(newsroom_store)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)  # a 500 shows as a 500
    async with httpx.AsyncClient(transport=transport, base_url="http://store.test") as client:
        yield client


@pytest.mark.parametrize("path, parameter", [
    ("/articles", "published_from"), ("/articles", "published_to"),
    ("/quotes", "reported_from"), ("/quotes", "reported_to"),
])
@pytest.mark.parametrize("value", ["9999-12-31", "0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59.999999-12:00"])
async def test_extreme_dates_are_a_422_naming_the_parameter(client, path, parameter, value):
    response = await client.get(path, params={parameter: value})
    if response.status_code == 200:  # a bound that exists in UTC is a fine (empty or full) filter
        return
    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["field"] == parameter


async def test_an_end_date_whose_next_day_does_not_exist_is_a_422(client):
    response = await client.get("/articles", params={"published_to": "9999-12-31"})
    assert response.status_code == 422
    assert "outside the years" in response.json()["detail"]


@pytest.mark.parametrize("path", ["/articles", "/actors", "/organizations", "/quotes"])
@pytest.mark.parametrize("cursor", [
    forged("[" * 1_400),  # deep JSON that fits the 2,000-character limit once encoded
    forged(json.dumps({"o": "entities:quote_count:desc", "v": [10**40, "x"]})),  # no column holds it
    forged(json.dumps({"o": "statements:first_reported_at:desc", "v": [{"t": "9999-99-99"}, "x"]})),
    "!!not base64!!",
])
async def test_forged_cursors_are_a_422_naming_the_cursor(client, path, cursor):
    response = await client.get(path, params={"cursor": cursor})
    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["field"] == "cursor"


@pytest.mark.parametrize("path, ordering", [("/articles", "articles:stored_at:desc"),
                                            ("/quotes", "statements:first_reported_at:desc")])
async def test_a_well_formed_cursor_at_the_edge_of_time_pages_from_there(client, path, ordering):
    # Shaped as ours, at the first moment a datetime holds: a page (empty or not), not a server error.
    edge = forged(json.dumps({"o": ordering, "v": [{"t": "0001-01-01T00:00:00+01:00"}, "x"]}))
    response = await client.get(path, params={"cursor": edge})
    assert response.status_code in (200, 422), response.text
