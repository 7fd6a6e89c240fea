"""The topics' payload schemas, generated from the event models: the published contract.

docs/schemas/<event type>/<schema version>.json holds every version ever
published. `newsflow schemas` writes the current ones; the contract tests fail
when a model changed but its schema file, or its SCHEMA_VERSION, did not, and
when a new version of an event type is not compatible with the one before
(fields may only be added: never removed, retyped or made optional).
"""

from __future__ import annotations

import json
from pathlib import Path

from newsflow_shared.events import EnrichedArticle, Event, ParsedArticle, RawArticle

PUBLISHED_EVENTS: tuple[type[Event], ...] = (RawArticle, ParsedArticle, EnrichedArticle)


def schema_of(model: type[Event]) -> dict:
    schema = model.model_json_schema(mode="serialization")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"urn:newsflow:schema:{model.EVENT_TYPE}:{model.SCHEMA_VERSION}",
        "x-event-type": model.EVENT_TYPE,
        "x-schema-version": model.SCHEMA_VERSION,
        **schema,
    }


def schema_path(root: Path, model: type[Event]) -> Path:
    return root / model.EVENT_TYPE / f"{model.SCHEMA_VERSION}.json"


def render(schema: dict) -> str:
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


class UnversionedChange(ValueError):
    """A model's schema changed but its SCHEMA_VERSION did not: published versions are immutable."""


def write_schemas(root: Path, models: tuple[type[Event], ...] = PUBLISHED_EVENTS) -> list[Path]:
    """Write the current version of every published schema; never rewrite a published one."""
    written = []
    for model in models:
        path, text = schema_path(root, model), render(schema_of(model))
        if path.exists() and path.read_text() != text:
            raise UnversionedChange(
                f"{model.__name__}'s schema changed but SCHEMA_VERSION is still {model.SCHEMA_VERSION}: "
                "bump it in shared/src/newsflow_shared/events.py (a breaking change needs a new EVENT_TYPE)"
            )
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        written.append(path)
    return written


def breaking_changes(old: dict, new: dict, where: str = "") -> list[str]:
    """What in `new` would break a consumer written against `old` (empty when compatible)."""
    problems = []
    old_props, new_props = old.get("properties", {}), new.get("properties", {})
    for name, old_prop in old_props.items():
        if name not in new_props:
            problems.append(f"{where}{name}: removed")
        elif _shape(old_prop) != _shape(new_props[name]):
            problems.append(f"{where}{name}: type changed from {_shape(old_prop)} to {_shape(new_props[name])}")
    # Schemas describe what producers emit: a field consumers could count on
    # must stay present. New fields, present or not, are additions.
    for name in set(old.get("required", [])) - set(new.get("required", [])):
        if name in new_props:
            problems.append(f"{where}{name}: no longer always present")
    for name, old_def in old.get("$defs", {}).items():
        if name not in new.get("$defs", {}):
            problems.append(f"$defs/{name}: removed")
        else:
            problems += breaking_changes(old_def, new["$defs"][name], where=f"{name}.")
    return problems


def _shape(prop: dict) -> str:
    """A property's type, enough to tell a consumer-visible change: type, $ref, items, variants."""
    keep = {k: prop[k] for k in ("type", "$ref", "items", "anyOf", "enum", "const", "format") if k in prop}
    return json.dumps(keep, sort_keys=True)
