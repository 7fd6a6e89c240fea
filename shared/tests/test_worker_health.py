"""Health of the headless stages over HTTP: ready unless waiting for a dependency, live unless stuck."""

import asyncio
import threading

import httpx
from sqlalchemy import exc as sql_errors

from newsflow_shared.envelope import to_message
from newsflow_shared.events import RawArticle
from newsflow_shared.failures import FailurePolicy
from newsflow_shared.health import headless_health_app
from newsflow_shared.memory_bus import InMemoryBus
from newsflow_shared.stage import Stage, StageWorker
from tests.infra.sample_stage import raw, shout_stage


def client_for(worker: StageWorker) -> httpx.AsyncClient:
    app = headless_health_app([worker], "newsflow test")
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://stage")


async def until(condition, timeout: float = 5.0) -> None:
    async with asyncio.timeout(timeout):
        while not condition():
            await asyncio.sleep(0.01)


async def test_ready_when_running_not_ready_while_waiting_for_the_database_and_alive_throughout():
    bus = InMemoryBus()
    await bus.append([to_message("articles.raw", raw("a1", "story"), source="/test")])
    database = {"up": False}

    def save(events):
        if not database["up"]:
            raise sql_errors.OperationalError("INSERT", {}, ConnectionRefusedError("refused"))
        return shout_stage().handle(events)

    worker = StageWorker(Stage("store", "articles.raw", RawArticle, "articles.parsed", save),
                         bus.consumer("articles.raw", "store"), bus.publisher(), dlq_topic="articles.dlq",
                         policy=FailurePolicy(backoff_first_s=0.01, backoff_max_s=0.05, stall_s=0.2))
    async with client_for(worker) as client:
        assert (await client.get("/readyz")).status_code == 503  # not started yet
        task = asyncio.create_task(worker.run())
        await until(lambda: worker.health.waiting_for == "database")
        ready = await client.get("/readyz")
        assert ready.status_code == 503
        assert ready.json()["waiting_for"] == {"store": "database"}
        await asyncio.sleep(0.4)  # longer than the stall bound: waiting is not being stuck
        assert (await client.get("/healthz")).status_code == 200
        metrics = (await client.get("/metrics")).text
        assert 'newsflow_stage_waiting_for_dependency{dependency="database",stage="store"} 1.0' in metrics
        assert 'newsflow_stage_retries_total{dependency="database",stage="store"}' in metrics
        database["up"] = True
        await until(lambda: bus.committed("articles.raw", "store") == 1)
        assert (await client.get("/readyz")).status_code == 200
        worker.stop()
        await task


async def test_liveness_fails_when_a_worker_that_owns_partitions_stops_going_round_its_loop():
    bus = InMemoryBus()
    await bus.append([to_message("articles.raw", raw("a1", "story"), source="/test")])
    release = threading.Event()

    def stuck(events):
        release.wait(10)  # an NLP call that does not come back
        return shout_stage().handle(events)

    worker = StageWorker(Stage("parse", "articles.raw", RawArticle, "articles.parsed", stuck),
                         bus.consumer("articles.raw", "parse"), bus.publisher(), dlq_topic="articles.dlq",
                         policy=FailurePolicy(stall_s=0.3))
    async with client_for(worker) as client:
        task = asyncio.create_task(worker.run())
        await until(lambda: worker.health.started)
        assert (await client.get("/healthz")).status_code == 200
        await asyncio.sleep(0.5)
        stuck_answer = await client.get("/healthz")
        assert stuck_answer.status_code == 503
        assert stuck_answer.json()["workers"]["parse"]["live"] is False
        release.set()
        await until(lambda: bus.committed("articles.raw", "parse") == 1)
        assert (await client.get("/healthz")).status_code == 200
        worker.stop()
        await task
