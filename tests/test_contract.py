"""The published topic schemas follow the event models, and versions only ever add fields."""

from __future__ import annotations

import json
from pathlib import Path
from typing import ClassVar

import pytest
from packaging.version import Version

from newsflow_shared.contract import (
    PUBLISHED_EVENTS,
    UnversionedChange,
    breaking_changes,
    render,
    schema_of,
    schema_path,
    write_schemas,
)
from newsflow_shared.events import EnrichedArticle

SCHEMAS = Path(__file__).resolve().parents[1] / "docs" / "schemas"


@pytest.mark.parametrize("model", PUBLISHED_EVENTS, ids=lambda m: m.EVENT_TYPE)
def test_committed_schema_matches_the_model(model):
    path = schema_path(SCHEMAS, model)
    assert path.exists(), f"{path} missing: run `newsflow schemas`"
    assert path.read_text() == render(schema_of(model)), (
        f"{model.__name__} changed: bump its SCHEMA_VERSION and run `newsflow schemas`"
    )


@pytest.mark.parametrize("event_type", sorted(p.name for p in SCHEMAS.iterdir() if p.is_dir()))
def test_each_version_only_adds_to_the_one_before(event_type):
    versions = sorted(SCHEMAS.joinpath(event_type).glob("*.json"), key=lambda p: Version(p.stem))
    for older, newer in zip(versions, versions[1:]):
        problems = breaking_changes(json.loads(older.read_text()), json.loads(newer.read_text()))
        assert problems == [], f"{event_type} {older.stem} -> {newer.stem} breaks consumers: {problems}"


class EnrichedWithExtra(EnrichedArticle):
    """The enriched model as a careless change would leave it: a new field, the same version."""

    sentiment: float | None = None


def test_a_model_change_without_a_version_bump_is_refused(tmp_path):
    write_schemas(tmp_path, (EnrichedArticle,))
    with pytest.raises(UnversionedChange, match="SCHEMA_VERSION"):
        write_schemas(tmp_path, (EnrichedWithExtra,))

    class Bumped(EnrichedWithExtra):
        SCHEMA_VERSION: ClassVar[str] = "1.99.0"  # a version after EnrichedArticle's, whatever that is

    (path,) = write_schemas(tmp_path, (Bumped,))
    assert path.name == "1.99.0.json"
    # An added field is compatible with the version before.
    assert breaking_changes(schema_of(EnrichedArticle), schema_of(Bumped)) == []


def test_removing_retyping_or_dropping_a_field_is_breaking():
    old = schema_of(EnrichedArticle)
    removed = json.loads(json.dumps(old))
    del removed["properties"]["body"]
    retyped = json.loads(json.dumps(old))
    retyped["$defs"]["Quote"]["properties"]["start"] = {"type": "string"}
    optional = json.loads(json.dumps(old))
    optional["required"].remove("article_id")
    assert breaking_changes(old, removed) == ["body: removed"]
    assert breaking_changes(old, retyped)[0].startswith("Quote.start: type changed")
    assert breaking_changes(old, optional) == ["article_id: no longer always present"]
