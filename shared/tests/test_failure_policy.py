"""The failure policy: which errors are transient (retried in place) and which are poison."""

import asyncio
import sqlite3

import psycopg
import psycopg.errors
import pytest
from aiokafka import errors as kafka_errors
from pydantic import BaseModel, ValidationError
from sqlalchemy import exc as sql_errors

from newsflow_shared.envelope import WrongEventType
from newsflow_shared.failures import Abandoned, FailurePolicy, Waiting, dependency_of, retry_in_place
from newsflow_shared.transport import PublishFailed

FAST = FailurePolicy(backoff_first_s=0.001, backoff_max_s=0.005)


def wrapped(dbapi_error: Exception, kind=sql_errors.OperationalError) -> Exception:
    """As SQLAlchemy raises a driver's error."""
    return kind("SELECT 1", {}, dbapi_error)


def raised_from(cause: Exception) -> Exception:
    try:
        try:
            raise cause
        except Exception as exc:
            raise RuntimeError("while saving the batch") from exc
    except RuntimeError as outer:
        return outer


def validation_error() -> ValidationError:
    class Article(BaseModel):
        article_id: str

    try:
        Article.model_validate({})
    except ValidationError as exc:
        return exc
    raise AssertionError("unreachable")


@pytest.mark.parametrize("error, dependency", [
    (wrapped(psycopg.OperationalError("connection refused")), "database"),
    (wrapped(psycopg.errors.SerializationFailure("could not serialize access")), "database"),
    (wrapped(psycopg.errors.DeadlockDetected("deadlock detected")), "database"),
    (wrapped(psycopg.errors.AdminShutdown("terminating connection"), sql_errors.OperationalError), "database"),
    (wrapped(psycopg.InterfaceError("the connection is closed"), sql_errors.InterfaceError), "database"),
    (sql_errors.TimeoutError("QueuePool limit reached"), "database"),
    (wrapped(sqlite3.OperationalError("database is locked")), "database"),
    (psycopg.OperationalError("server closed the connection unexpectedly"), "database"),
    (raised_from(wrapped(psycopg.OperationalError("connection refused"))), "database"),
    (PublishFailed("no acknowledgement in time"), "kafka"),
    (kafka_errors.KafkaConnectionError("broker gone"), "kafka"),
    (kafka_errors.RequestTimedOutError(), "kafka"),
    (kafka_errors.KafkaTimeoutError(), "kafka"),
    (kafka_errors.NotLeaderForPartitionError(), "kafka"),
    (kafka_errors.CoordinatorNotAvailableError(), "kafka"),
    (ConnectionRefusedError(111, "refused"), "network"),
    (TimeoutError(), "network"),
])
def test_a_dependency_down_or_slow_is_transient(error, dependency):
    assert dependency_of(error) == dependency


@pytest.mark.parametrize("error", [
    ValueError("cannot parse a2"),
    KeyError("speaker"),
    OverflowError("date value out of range"),
    RecursionError("maximum recursion depth exceeded"),
    validation_error(),
    WrongEventType("expected event type newsflow.article.raw.v1"),
    wrapped(psycopg.errors.UniqueViolation("duplicate key"), sql_errors.IntegrityError),
    wrapped(psycopg.errors.StringDataRightTruncation("value too long"), sql_errors.DataError),
    PublishFailed("record too large", outcome_unknown=False, transient=False),
    kafka_errors.MessageSizeTooLargeError(),
    raised_from(ValueError("bad offsets")),
])
def test_anything_else_is_permanent(error):
    assert dependency_of(error) is None


async def test_transient_failures_are_retried_until_they_pass_and_say_what_they_wait_for():
    calls, seen_waiting = [], []
    waiting = Waiting()

    async def flaky():
        calls.append(1)
        seen_waiting.append(waiting.dependency)
        if len(calls) < 4:
            raise wrapped(psycopg.OperationalError("connection refused"))
        return "saved"

    assert await retry_in_place(flaky, policy=FAST, what="test", waiting=waiting) == "saved"
    assert len(calls) == 4
    assert seen_waiting == [None, "database", "database", "database"]
    assert waiting.dependency is None  # cleared once it passed


async def test_a_permanent_failure_is_raised_at_once():
    calls = []

    async def poison():
        calls.append(1)
        raise ValueError("cannot parse")

    with pytest.raises(ValueError, match="cannot parse"):
        await retry_in_place(poison, policy=FAST, what="test")
    assert calls == [1]


async def test_the_pause_can_give_the_work_up():
    async def down():
        raise PublishFailed("broker down")

    async def stopping(seconds):
        raise Abandoned("the worker is stopping")

    waiting = Waiting()
    with pytest.raises(Abandoned):
        await retry_in_place(down, policy=FAST, what="test", pause=stopping, waiting=waiting)
    assert waiting.dependency is None


async def test_backoff_grows_and_is_capped():
    sleeps: list[float] = []

    async def record(seconds):
        sleeps.append(seconds)

    attempts = []

    async def down():
        attempts.append(1)
        if len(attempts) < 12:
            raise TimeoutError()

    await retry_in_place(down, policy=FailurePolicy(backoff_first_s=0.1, backoff_max_s=1.0), what="test",
                         pause=record)
    assert len(sleeps) == 11
    assert all(0 <= s <= 1.0 for s in sleeps)
    assert max(sleeps[6:]) > 0.1 * 2  # not stuck at the first wait: it grew (with jitter)
    await asyncio.sleep(0)
