"""Faults lose nothing: the pipeline as OS processes under kills and outages of every part.

ingest, store, 2 parse and 2 enrich run as `newsflow serve X` over a broker
and a PostgreSQL server of this test's own (fully durable: fsync and
synchronous commit on), so both can be killed. A client posts 420 distinct
articles at a steady rate and retries 503s and connection errors. Meanwhile:

1. a parse replica is SIGKILLed on a batch in flight, and replaced;
2. an enrich replica likewise;
3. PostgreSQL stops at once (`pg_ctl stop -m immediate`) for 18 s; 5 s in, the
   store, then waiting for it with a batch in hand (in flight, uncommitted), is
   SIGKILLed and restarted at once (it waits for the database to come back);
4. the broker is SIGKILLed for 45 s, longer than any client timeout, and
   restarted on its log folder; 10 s in, an enrich replica is told to stop
   (SIGTERM) and must exit 0 within 30 s although it cannot say goodbye to
   the broker, and a replacement starts.

Along the way the store's /readyz must say it waits for the database, and the
headless stages answer their health probes.

Then every accepted article must be stored exactly once, with the quotes and
entities `newsflow process` finds in the same text; nothing dead-lettered,
nothing lost, no duplicate rows; every process still alive exits 0 on SIGTERM.
"""

from __future__ import annotations

import asyncio
import time

import httpx
import pytest
from sqlalchemy import create_engine, text

from tests.chaos.articles import articles
from tests.chaos.faults import Poster, in_flight, kill_in_flight
from tests.infra.cluster import Cluster
from tests.infra.kafka_broker import KafkaBroker
from tests.infra.kafka_reading import read_topic
from tests.infra.postgres import PostgresServer

pytestmark = [pytest.mark.integration, pytest.mark.chaos]

ARTICLES = 420
RATE = 4.0  # articles a second: about 105 s of posting, across every fault
DATABASE_DOWN_S = 18
BROKER_DOWN_S = 45


@pytest.fixture
def own_servers(kafka_broker, postgres_server):
    """A broker and a durable PostgreSQL server of this test's own (the session's stay untouched).

    Asking for the session fixtures first makes a missing Java, broker jars or PostgreSQL skip
    (or, in CI, fail) this test the same way as every other integration test.
    """
    broker = KafkaBroker().start()
    database = PostgresServer(durable=True).start()
    try:
        yield broker, database
    finally:
        database.stop()
        broker.stop()


def expected_results(accepted: dict[str, dict]) -> dict:
    """What `newsflow process` makes of the accepted articles: the pure pipeline, no bus, no database."""
    from newsflow_enrich.pipeline import enrich_articles
    from newsflow_ingest.intake import raw_article, submission_from_fields
    from newsflow_parse.pipeline import parse_articles

    raws = [raw_article(submission_from_fields(fields)) for fields in accepted.values()]
    return {article.article_id: article for article in enrich_articles(parse_articles(raws))}


def stored_rows(database_url: str) -> tuple[dict[str, int], dict[str, int], int]:
    """Article rows by id, quote rows per article, and the statements' summed report counts."""
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            articles_by_id = dict(connection.execute(
                text("SELECT id, count(*) FROM articles GROUP BY id")).all())
            quotes = dict(connection.execute(
                text("SELECT article_id, count(*) FROM quotes GROUP BY article_id")).all())
            reports = connection.execute(text("SELECT coalesce(sum(report_count), 0) FROM statements")).scalar_one()
    finally:
        engine.dispose()
    return articles_by_id, quotes, int(reports)


def wait_stored(cluster: Cluster, database_url: str, ids: set[str], timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while True:
        stored = set(stored_rows(database_url)[0])
        if ids <= stored:
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"{len(ids - stored)} of {len(ids)} accepted articles not stored after "
                                 f"{timeout_s:.0f}s, e.g. {sorted(ids - stored)[:5]}")
        cluster.check_alive()
        time.sleep(2)


def test_kills_and_outages_lose_nothing_and_duplicate_nothing(own_servers, tmp_path):
    broker, database = own_servers
    database_url = database.create_database()
    cluster = Cluster(broker.bootstrap_servers, database_url, tmp_path, replicas=2, partitions=4,
                      topic_prefix="chaos",
                      extra_env={"NEWSFLOW_BATCH_SIZE": "8", "NEWSFLOW_KAFKA_REQUEST_TIMEOUT_MS": "5000",
                                 "NEWSFLOW_RETRY_BACKOFF_MAX_MS": "3000"})
    faults: list[tuple[float, str]] = []
    exit_codes: dict[str, int | None] = {}
    try:
        cluster.start(timeout=240)
        for service in cluster.of("parse") + cluster.of("enrich"):  # the headless stages answer probes
            assert httpx.get(f"{service.health_url}/healthz", timeout=5).status_code == 200
            assert httpx.get(f"{service.health_url}/readyz", timeout=5).status_code == 200
            assert "newsflow_stage_processed_total" in httpx.get(f"{service.health_url}/metrics", timeout=5).text
        poster = Poster(cluster.ingest_url, articles(ARTICLES), RATE).start()
        began = time.monotonic()

        def note(what: str) -> None:
            faults.append((round(time.monotonic() - began, 1), what))
            print(f"[chaos +{faults[-1][0]:6.1f}s] {what}", flush=True)

        time.sleep(8)
        landed = kill_in_flight(cluster, cluster.of("parse")[0], "parse")
        note(f"SIGKILL parse-0 ({'on a batch in flight' if landed else 'between batches'})")
        cluster.spawn("parse")
        note("parse replacement started")
        time.sleep(6)
        landed = kill_in_flight(cluster, cluster.of("enrich")[0], "enrich")
        note(f"SIGKILL enrich-0 ({'on a batch in flight' if landed else 'between batches'})")
        cluster.spawn("enrich")
        note("enrich replacement started")
        time.sleep(8)

        database.crash()
        note("PostgreSQL stopped immediately")
        time.sleep(5)
        readiness = httpx.get(f"{cluster.store_url}/readyz", timeout=10)
        note(f"store /readyz: {readiness.status_code} {readiness.json().get('waiting_for')}")
        store = cluster.of("store")[0]
        store_in_flight = in_flight(store, "store")
        cluster.kill(store)
        note(f"SIGKILL store ({'waiting for the database with a batch in flight' if store_in_flight else 'idle'})")
        cluster.spawn("store")
        note("store restarted (PostgreSQL still down)")
        time.sleep(DATABASE_DOWN_S - 5)
        database.restart()
        note(f"PostgreSQL restarted after {DATABASE_DOWN_S}s")
        time.sleep(10)

        broker.kill()
        note("broker SIGKILLed")
        time.sleep(10)
        stop_code, stop_s = cluster.stop_one(cluster.of("enrich")[1])
        note(f"SIGTERM enrich-1 with the broker down: exit {stop_code} after {stop_s:.1f}s")
        cluster.spawn("enrich")
        note("enrich replacement started")
        time.sleep(BROKER_DOWN_S - 10 - stop_s)
        broker.restart()
        note(f"broker restarted on its log folder after {BROKER_DOWN_S}s")

        poster.join(timeout=400)
        note(f"all {ARTICLES} articles answered")
        accepted = poster.accepted
        wait_stored(cluster, database_url, set(accepted), timeout_s=300)
        note("every accepted article stored")

        expected = expected_results(accepted)
        with httpx.Client(base_url=cluster.store_url, timeout=30) as store_api:
            mismatched = []
            for article_id, want in expected.items():
                got = store_api.get(f"/articles/{article_id}").json()
                same = (got["body"] == want.body
                        and sorted((q["text"], q["speaker"]) for q in got["quotes"])
                        == sorted((q.text, q.speaker) for q in want.quotes)
                        and sorted(e["name"] for e in got["entities"]) == sorted(e.name for e in want.entities))
                if not same:
                    mismatched.append(article_id)
            statuses = [store_api.get(f"/articles/{article_id}/status").json()["status"]
                        for article_id in list(accepted)[:40]]
        articles_by_id, quotes, reports = stored_rows(database_url)
        dead = asyncio.run(read_topic(broker.bootstrap_servers, cluster.topics["dlq"], at_least=0, settle_ms=1000))
        exit_codes = cluster.stop()

        lost = set(accepted) - set(articles_by_id)
        duplicates = (sum(n - 1 for n in articles_by_id.values())
                      + sum(abs(quotes.get(a, 0) - len(w.quotes)) for a, w in expected.items())
                      + abs(reports - sum(len(w.quotes) for w in expected.values())))
        crashed = {label: code for label, code in exit_codes.items() if code != 0}
        table = {"posted": ARTICLES, "accepted": len(accepted), "stored": len(set(accepted) & set(articles_by_id)),
                 "dead-lettered": len(dead), "lost": len(lost), "duplicate rows": duplicates,
                 "differing from newsflow process": len(mismatched), "crashed": len(crashed)}
        print("\n[chaos] faults (seconds after posting began):", *(f"  +{t}s {what}" for t, what in faults),
              sep="\n")
        print("[chaos] client answers:", dict(poster.answers))
        print("[chaos] counts:", table, flush=True)

        assert poster.gave_up == []
        assert len(accepted) == ARTICLES
        assert lost == set()
        assert len(dead) == 0, [(r.key, dict(r.headers).get("nf_error")) for r in dead[:5]]
        assert duplicates == 0
        assert mismatched == []
        assert set(statuses) == {"stored"}
        assert crashed == {}, crashed
        assert store_in_flight, "the store kill was meant to land on a batch waiting for the database"
        assert readiness.status_code == 503 and readiness.json()["waiting_for"]["store"] == "database"
        assert stop_code == 0 and stop_s < 30, (stop_code, stop_s)
    finally:
        if not exit_codes:
            cluster.stop()
