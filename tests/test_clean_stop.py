"""SIGTERM stops each consumer stage cleanly: exit 0 within a bound, group left, nothing lost.

Two replicas of each of parse, enrich and store as OS processes; articles
flow. Replica 0 of each stage gets SIGTERM while its log shows a batch in
flight: it must finish or abandon that batch (committing only what it
finished), leave its consumer group at once (the other replica is then its
group's only member, long before a session timeout would have evicted it) and
exit 0. Every article is then stored exactly once by the replicas left.
"""

from __future__ import annotations

import asyncio

import httpx
import pytest
from sqlalchemy import create_engine, text

from tests.chaos.articles import articles
from tests.chaos.faults import Poster, in_flight
from tests.infra.cluster import Cluster
from tests.infra.kafka_reading import group_member_count, read_topic
from tests.infra.ports import free_port
from tests.infra.waiting import wait_for

pytestmark = pytest.mark.integration

STOP_BOUND_S = 30  # Kubernetes' default grace period
LEFT_WITHIN_S = 3  # the consumer's session timeout is 10 s: gone sooner means it said goodbye


def stored_ids(database_url: str) -> list[str]:
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            return [row[0] for row in connection.execute(text("SELECT id FROM articles"))]
    finally:
        engine.dispose()


def test_each_stage_stops_on_sigterm_mid_batch_leaves_its_group_and_loses_nothing(kafka_broker, postgres_url,
                                                                                  tmp_path):
    bootstrap = kafka_broker.bootstrap_servers
    cluster = Cluster(bootstrap, postgres_url, tmp_path, replicas=2, partitions=4, topic_prefix="stop",
                      extra_env={"NEWSFLOW_BATCH_SIZE": "4"})
    try:
        cluster.start(timeout=180)
        second_store_port = free_port()
        second_store = cluster.spawn("store", NEWSFLOW_HTTP_PORT=str(second_store_port))
        wait_for(lambda: second_store.log.read_new() or bool(second_store.log.assignment), "a second store", 90)
        for stage in ("parse", "enrich", "store"):
            assert asyncio.run(group_member_count(bootstrap, stage)) == 2

        poster = Poster(cluster.ingest_url, articles(80), rate=8.0).start()
        stops = {}
        for stage in ("parse", "enrich", "store"):
            replica = cluster.of(stage)[0]
            wait_for(lambda replica=replica, stage=stage: in_flight(replica, stage),
                     f"a batch in flight in {replica.label}", 60)
            code, seconds = cluster.stop_one(replica, timeout=STOP_BOUND_S)
            stops[stage] = round(seconds, 1)
            assert code == 0, replica.log.path.read_text()[-2000:]
            wait_for(lambda stage=stage: asyncio.run(group_member_count(bootstrap, stage)) == 1,
                     f"{stage}-0 to leave its group", LEFT_WITHIN_S)
        print(f"\n[stop] seconds from SIGTERM to exit: {stops}")

        poster.join(timeout=120)
        wanted = set(poster.accepted)
        wait_for(lambda: wanted <= set(stored_ids(postgres_url)), "every article stored", 180)
        ids = stored_ids(postgres_url)
        assert len(ids) == len(set(ids)) == len(wanted)
        assert asyncio.run(read_topic(bootstrap, cluster.topics["dlq"], at_least=0, settle_ms=500)) == []
        with httpx.Client(base_url=f"http://127.0.0.1:{second_store_port}", timeout=10) as store:
            assert store.get("/articles", params={"with_total": "true"}).json()["total"] == len(wanted)
    finally:
        codes = cluster.stop()
    assert all(code == 0 for code in codes.values()), codes
