"""Status from the topics, end to end over the in-process bus: received to stored, or failed with the reason."""

from __future__ import annotations

import asyncio
import contextlib

import httpx
import pytest
from sqlmodel import Session

from newsflow_shared.dead_letter import dead_letter
from newsflow_shared.envelope import Message, to_message
from newsflow_shared.events import ParsedArticle, RawArticle
from newsflow_shared.memory_bus import InMemoryBus
from newsflow_shared.progress import ENRICHED, PARSED, RECEIVED, progress_record
from newsflow_shared.settings import Settings
from newsflow_shared.stage import StageWorker
from newsflow_store.app import create_app
from newsflow_store.crud import get_status
from newsflow_store.handler import build_stage
from newsflow_store.status import Status
from newsflow_store.status_barrier import MemoryStatusBarrier
from newsflow_store.status_worker import memory_status_workers, progress_feed

SETTINGS = Settings(topic_raw="t.raw", topic_parsed="t.parsed", topic_enriched="t.enriched", topic_dlq="t.dlq",
                    topic_status="t.status")


def raw(article_id: str) -> Message:
    event = RawArticle(article_id=article_id, received_at="2024-05-02T10:00:00Z", content_type="text/plain",
                       content=f"Text of {article_id}")
    return to_message(SETTINGS.topic_raw, event, source="/test/ingest")


def received(article_id: str) -> Message:
    """What ingest writes to the status topic beside the raw article."""
    return progress_record(SETTINGS.topic_status, raw(article_id), RECEIVED)


def parsed(article) -> Message:
    event = to_message(SETTINGS.topic_parsed, ParsedArticle.model_validate(article.model_dump()), source="/test/parse")
    return progress_record(SETTINGS.topic_status, event, PARSED)


def enriched(article) -> list[Message]:
    """The enriched article, and the progress record enrich writes beside it."""
    event = to_message(SETTINGS.topic_enriched, article, source="/test/enrich")
    return [event, progress_record(SETTINGS.topic_status, event, ENRICHED)]


@contextlib.asynccontextmanager
async def running(*workers):
    tasks = [asyncio.create_task(worker.run()) for worker in workers]
    try:
        yield
    finally:
        for worker in workers:
            worker.stop()
        await asyncio.gather(*tasks)


async def until(condition, timeout: float = 10.0) -> None:
    async with asyncio.timeout(timeout):
        while not condition():
            await asyncio.sleep(0.02)


def status_of(engine, article_id):
    with Session(engine) as session:
        found = get_status(session, article_id=article_id)
    return found[0] if found else None


@pytest.mark.filterwarnings("ignore:New instance:sqlalchemy.exc.SAWarning")  # the poison's duplicate quote id
async def test_each_article_goes_from_received_to_stored_or_to_failed_with_the_reason(store_engine, make_article):
    bus = InMemoryBus()
    good, poison = make_article("art-good"), make_article("art-poison")
    poison.quotes[1].id = poison.quotes[0].id  # the store refuses it, and dead-letters it
    parse_failure = dead_letter(raw("art-unparsable"), ValueError("no text in the HTML"), stage="parse",
                                dlq_topic=SETTINGS.topic_dlq)
    junk = Message(topic=SETTINGS.topic_dlq, key=None, value=b"\x00 nobody's")  # names no article: skipped
    junk_progress = Message(topic=SETTINGS.topic_status, key=b"art-good", value=b"", headers=(("nf_step", b"odd"),))
    await bus.append([received("art-good"), received("art-poison"), received("art-unparsable"), parsed(good),
                      parsed(poison), parse_failure, junk, junk_progress])
    await bus.append([*enriched(good), *enriched(poison)])
    store = StageWorker(build_stage(store_engine, SETTINGS), bus.consumer(SETTINGS.topic_enriched, "store"),
                        bus.publisher(), dlq_topic=SETTINGS.topic_dlq)
    feeds = memory_status_workers(store_engine, SETTINGS, bus)

    async with running(store, *feeds):
        await until(lambda: bus.committed(SETTINGS.topic_dlq, "store-status-dlq") == 3)  # the store's dead letter too
        await until(lambda: all(bus.committed(f.stage.input_topic, f.stage.name) == bus.end_offset(f.stage.input_topic)
                                for f in feeds))

    stored = status_of(store_engine, "art-good")
    assert stored.status is Status.STORED and stored.failure is None
    assert set(stored.reached) == {Status.RECEIVED, Status.PARSED, Status.ENRICHED, Status.STORED}
    assert (stored.parse_version, stored.enrich_version) == ("0.1.0", "0.1.0")

    unparsable = status_of(store_engine, "art-unparsable")
    assert unparsable.status is Status.FAILED
    assert (unparsable.failure.stage, unparsable.failure.error_type) == ("parse", "ValueError")
    assert "no text in the HTML" in unparsable.failure.error

    refused = status_of(store_engine, "art-poison")
    assert refused.status is Status.FAILED and refused.failure.stage == "store"
    assert refused.failure.error_type == "IntegrityError" and Status.ENRICHED in refused.reached
    assert bus.end_offset(SETTINGS.topic_dlq) == 3  # nothing fed back into the dead letters


async def test_the_status_of_an_article_just_accepted_is_known_not_404(store_engine):
    """The race between ingest's 202 and the status consumer: the API waits for the consumer to catch up."""
    bus = InMemoryBus()
    feed = memory_status_workers(store_engine, SETTINGS, bus)[0]
    progress = progress_feed(SETTINGS)
    app = create_app(store_engine, MemoryStatusBarrier(bus, progress.input_topic, progress.name, timeout_s=0.5))

    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://store.test") as client:
        await bus.append([received("art-early")])  # accepted, but no status consumer runs yet
        behind = await client.get("/articles/art-early/status")
        assert behind.status_code == 503 and behind.headers["retry-after"] == "2"
        assert behind.headers["content-type"] == "application/problem+json"

        async with running(feed):
            await bus.append([received("art-new")])
            # Asked at once: without the wait this is a 404 most of the time.
            answers = await asyncio.gather(client.get("/articles/art-new/status"),
                                           client.get("/articles/art-early/status"))
            assert [a.status_code for a in answers] == [200, 200]
            assert {a.json()["status"] for a in answers} == {"received"}
            unknown = await client.get("/articles/never-posted/status")
            assert unknown.status_code == 404  # caught up, and still unknown: never accepted


@pytest.mark.parametrize("failure_first", [True, False])
async def test_a_failure_stays_failed_whatever_arrives_after_from_earlier_steps(store_engine, failure_first):
    bus = InMemoryBus()
    failure = dead_letter(raw("art-1"), RuntimeError("model crashed"), stage="enrich", dlq_topic=SETTINGS.topic_dlq)
    earlier = [received("art-1")]
    await bus.append([failure, *earlier] if failure_first else [*earlier, failure])
    feeds = memory_status_workers(store_engine, SETTINGS, bus)

    async with running(*feeds):
        await until(lambda: bus.committed(SETTINGS.topic_status, "store-status") == 1
                    and bus.committed(SETTINGS.topic_dlq, "store-status-dlq") == 1)

    record = status_of(store_engine, "art-1")
    assert record.status is Status.FAILED and record.failure.stage == "enrich"
    assert Status.RECEIVED in record.reached


async def test_a_status_feed_waits_out_a_database_failure_and_skips_nothing(tmp_path):
    from newsflow_store.db import make_engine

    bus = InMemoryBus()
    await bus.append([received("art-1")])
    unreachable = make_engine(f"sqlite:///{tmp_path / 'no' / 'such' / 'folder' / 'store.db'}")
    feed = memory_status_workers(unreachable, SETTINGS, bus)[0]

    async with running(feed):
        await asyncio.sleep(1.0)  # a few failed attempts

    assert bus.committed(SETTINGS.topic_status, "store-status") == 0  # read again after a restart
