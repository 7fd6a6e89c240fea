"""The OpenAPI documents say what the services really do: bodies to post, problem+json errors, readiness."""

from __future__ import annotations

import pytest

from newsflow_shared.memory_bus import InMemoryBus
from newsflow_shared.settings import Settings


def ingest(settings: Settings):
    from newsflow_ingest.app import create_app
    from newsflow_ingest.service import IngestService

    return create_app(IngestService(InMemoryBus().publisher(), topic="articles.raw"), settings)


def store(settings: Settings, tmp_path):
    from newsflow_store.app import create_app
    from newsflow_store.db import make_engine, migrate

    engine = make_engine(f"sqlite:///{tmp_path / 's.db'}")
    migrate(engine)
    return create_app(engine, None, settings)


@pytest.fixture(params=["ingest", "store"])
def schema(request, tmp_path) -> dict:
    settings = Settings(api_tokens="write=w,read=r", rate_limit="10/second")
    app = ingest(settings) if request.param == "ingest" else store(settings, tmp_path)
    return app.openapi()


def test_every_error_is_documented_as_problem_json(schema):
    assert "HTTPValidationError" not in schema["components"]["schemas"]
    assert {"type", "title", "status", "detail"} <= set(schema["components"]["schemas"]["Problem"]["properties"])
    errors = 0
    for path, operations in schema["paths"].items():
        for operation in operations.values():
            for code, response in operation["responses"].items():
                if code[0] in "45" and not (path == "/readyz" and code == "503"):
                    errors += 1
                    assert list(response["content"]) == ["application/problem+json"], (path, code)
            if path not in ("/healthz", "/readyz", "/metrics"):
                assert {"401", "403"} <= set(operation["responses"]), path
    assert errors > 5


def test_readiness_documents_its_503(schema):
    answers = schema["paths"]["/readyz"]["get"]["responses"]
    assert set(answers) >= {"200", "503"}
    assert "application/json" in answers["503"]["content"]


def test_posting_routes_document_their_bodies(tmp_path):
    schema = ingest(Settings()).openapi()
    body = schema["paths"]["/articles"]["post"]["requestBody"]
    assert body["required"] and set(body["content"]) == {"application/json", "text/plain", "text/html"}
    assert {"text", "html", "title", "url"} <= set(body["content"]["application/json"]["schema"]["properties"])
    batch = schema["paths"]["/articles/batch"]["post"]["requestBody"]
    assert set(batch["content"]) == {"application/x-ndjson"}
