"""One trace per article across the four services, over the real broker; nothing made when off."""

from __future__ import annotations

import time

import httpx
import pytest

from newsflow_shared import tracing
from newsflow_shared.envelope import Message
from tests.infra.cluster import Cluster
from tests.infra.otlp_receiver import OtlpReceiver


@pytest.mark.integration
def test_one_trace_id_spans_ingest_parse_enrich_and_store_for_an_article(kafka_broker, postgres_url, tmp_path):
    receiver = OtlpReceiver()
    cluster = Cluster(kafka_broker.bootstrap_servers, postgres_url, tmp_path, replicas=1, partitions=2,
                      topic_prefix="traced", extra_env=receiver.env())
    try:
        cluster.start(timeout=180)
        with httpx.Client(timeout=30) as client:
            text = "The harbour board met on Monday. \u201cWe will dredge the channel,\u201d said Mayor Ada Quist."
            article_id = client.post(f"{cluster.ingest_url}/articles", json={"text": text}).json()["article_id"]
            deadline = time.monotonic() + 120
            while client.get(f"{cluster.store_url}/articles/{article_id}/status").json()["status"] != "stored":
                assert time.monotonic() < deadline, "not stored"
                cluster.check_alive()
                time.sleep(0.3)
            (parse,) = cluster.of("parse")
            metrics = client.get(f"{parse.health_url}/metrics").text
    finally:
        codes = cluster.stop()  # each service flushes its spans as it stops
        receiver.stop()
    assert all(code == 0 for code in codes.values()), codes

    article_spans = [s for s in receiver.spans if s.attributes.get("newsflow.article_id") == article_id]
    services = {s.service for s in article_spans}
    assert services == {"newsflow-ingest", "newsflow-parse", "newsflow-enrich", "newsflow-store"}, services
    (trace_id,) = {s.trace_id for s in article_spans}
    in_trace = [s for s in receiver.spans if s.trace_id == trace_id]
    names = {(s.service, s.name) for s in in_trace}
    assert {("newsflow-ingest", "POST /articles"), ("newsflow-parse", "parse nlp"), ("newsflow-enrich", "enrich nlp"),
            ("newsflow-store", "store database write")} <= names, names
    # each stage's article span is a child of the span that wrote its input
    by_id = {s.span_id: s for s in in_trace}
    chain = {s.service: by_id[s.parent_span_id].service for s in article_spans
             if s.service != "newsflow-ingest" and s.parent_span_id in by_id}
    assert chain == {"newsflow-parse": "newsflow-ingest", "newsflow-enrich": "newsflow-parse",
                     "newsflow-store": "newsflow-enrich"}, chain
    print("\n" + receiver.tree(trace_id))  # pytest -s shows the trace, and parse's metrics
    print("\n".join(line for line in metrics.splitlines() if line.startswith("newsflow_") and "_bucket" not in line))


def test_off_by_default_nothing_is_made_and_no_header_is_written():
    assert not tracing.enabled()
    assert tracing.ingest_extensions("a1") == {}
    message = Message(topic="t", key=b"a1", value=b"{}")
    trace = tracing.batch_trace("parse", [message])
    assert type(trace) is tracing._NoTrace and trace.extensions_for(message) == {}
