"""schemathesis over every operation of the ingest and store apps: no server error, answers as documented.

Checked: no 5xx, status codes and content types the document lists, bodies
that match their schemas. Not checked: that every schema-valid request is
accepted (positive_data_acceptance), since the article model's rules beyond
JSON Schema (exactly one of text and html, a publication date in range, an
http(s) url) refuse some requests the schema alone allows, with a 422 naming
the field; nor that schema-violating ones are refused (negative_data_rejection),
since a text/plain or text/html body violates nothing: any text is an article
to try, and "{}" posted as text is accepted as the text "{}".
"""

from __future__ import annotations

import json

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import negative_data_rejection, positive_data_acceptance

from newsflow_shared.memory_bus import InMemoryBus
from newsflow_shared.settings import Settings


def ingest_app():
    from newsflow_ingest.app import create_app
    from newsflow_ingest.service import IngestService

    return create_app(IngestService(InMemoryBus().publisher(), topic="articles.raw"),
                      Settings(store_public_url="http://store.test"))


def store_app():
    import tempfile

    from newsflow_store.app import create_app
    from newsflow_store.db import make_engine, migrate

    engine = make_engine(f"sqlite:///{tempfile.mkdtemp()}/fuzz.db")
    migrate(engine)
    return create_app(engine)


NOT_CHECKED = [positive_data_acceptance, negative_data_rejection]


@schemathesis.serializer("application/x-ndjson")
def ndjson(ctx, value) -> bytes:
    """A batch: a list of articles one per line, or any other value on one line (to be refused)."""
    lines = value if isinstance(value, list) else [value]
    return "".join((line if isinstance(line, str) else json.dumps(line)) + "\n" for line in lines).encode()


ingest = schemathesis.openapi.from_asgi("/openapi.json", ingest_app())
store = schemathesis.openapi.from_asgi("/openapi.json", store_app())
FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))


@ingest.parametrize()
@FUZZ
def test_ingest(case):
    case.call_and_validate(excluded_checks=NOT_CHECKED)


@store.parametrize()
@FUZZ
def test_store(case):
    case.call_and_validate(excluded_checks=NOT_CHECKED)
