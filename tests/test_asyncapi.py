"""docs/asyncapi.yaml describes the topics the services really use, with the current schemas."""

from pathlib import Path

import pytest
import yaml

from newsflow_shared.contract import PUBLISHED_EVENTS, schema_path
from newsflow_shared.settings import Settings

DOCS = Path(__file__).resolve().parents[1] / "docs"
SPEC = yaml.safe_load((DOCS / "asyncapi.yaml").read_text())


def resolve(ref: str):
    if ref.startswith("#/"):
        node = SPEC
        for part in ref[2:].split("/"):
            node = node[part]
        return node
    path = DOCS / ref
    assert path.is_file(), f"{ref} does not exist"
    return path


def all_refs(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield value
            else:
                yield from all_refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from all_refs(item)


def test_it_is_asyncapi_3_and_every_reference_resolves():
    assert SPEC["asyncapi"].startswith("3.")
    refs = list(all_refs(SPEC))
    assert len(refs) > 20
    for ref in refs:
        resolve(ref)


def test_channels_are_the_topics_the_services_use():
    settings = Settings()
    addresses = {channel["address"] for channel in SPEC["channels"].values()}
    assert addresses == {settings.topic_raw, settings.topic_parsed, settings.topic_enriched, settings.topic_dlq,
                         settings.topic_ids, settings.topic_status}


@pytest.mark.parametrize("model", PUBLISHED_EVENTS, ids=lambda m: m.EVENT_TYPE)
def test_each_event_type_has_a_message_with_its_current_schema(model):
    messages = [m for m in SPEC["components"]["messages"].values() if m.get("title") == model.EVENT_TYPE]
    assert len(messages) == 1, f"no message titled {model.EVENT_TYPE}"
    (message,) = messages
    assert resolve(message["payload"]["$ref"]) == schema_path(DOCS / "schemas", model), (
        "asyncapi.yaml must reference the model's current schema version"
    )
    headers = resolve(message["headers"]["$ref"])
    assert {"ce_id", "ce_type", "ce_source", "ce_time", "ce_specversion"} <= set(headers["required"])


def test_every_channel_has_a_publisher_and_a_consumer_named():
    actions: dict[str, set[str]] = {}
    for operation in SPEC["operations"].values():
        channel = operation["channel"]["$ref"].rsplit("/", 1)[1]
        actions.setdefault(channel, set()).add(operation["action"])
    for channel in ("articlesRaw", "articlesParsed", "articlesEnriched", "articlesIds"):
        assert actions[channel] == {"send", "receive"}, channel
    assert "send" in actions["articlesDlq"]
