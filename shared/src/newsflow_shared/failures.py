"""The one failure policy every consumer follows: what is transient, what is poison, and how to wait.

Two kinds of failure, told apart by `dependency_of`:

- *transient*: a dependency is down, restarting or slow (the database refuses
  connections or cancels a transaction as a serialization failure or
  deadlock; the broker does not answer or times out). Nothing is wrong with
  the message. It is retried in place with capped exponential backoff and
  full jitter, for as long as it takes: never committed past, never
  dead-lettered, never a reason to exit.
- *permanent*: anything else, such as a payload that breaks the contract or
  an exception the domain code raises again when the article is handled
  alone. It goes to the dead-letter topic with its reason and the partition
  moves on (the stage worker's job, not this module's).

The waiting itself belongs to the caller (`retry_in_place` takes a `pause`),
so that a Kafka consumer can keep polling its paused partitions and stay in
its group while it waits, and give the work up when it is told to stop or its
partitions are revoked (`Abandoned`): unfinished work is simply not
committed, and is read again.

kpn/kstreams' StreamErrorPolicy and cosmicpython's retry of commands were the
models; the retrying is tenacity's.
"""

from __future__ import annotations

import asyncio
import sqlite3
from dataclasses import dataclass
from typing import Awaitable, Callable, TypeVar

import structlog
from aiokafka import errors as kafka_errors
from tenacity import AsyncRetrying, RetryCallState, retry_if_exception, wait_random_exponential

from newsflow_shared.settings import Settings
from newsflow_shared.transport import PublishFailed

log = structlog.get_logger(__name__)

T = TypeVar("T")

DATABASE = "database"
KAFKA = "kafka"
NETWORK = "network"

# Kafka errors that say "not now" although aiokafka does not mark them retriable.
_KAFKA_NOT_NOW = (
    kafka_errors.KafkaConnectionError,
    kafka_errors.KafkaTimeoutError,
    kafka_errors.RequestTimedOutError,
    kafka_errors.NodeNotReadyError,
    kafka_errors.NoBrokersAvailable,
    kafka_errors.CoordinatorNotAvailableError,
    kafka_errors.NotCoordinatorError,
)


class Abandoned(Exception):
    """Work given up unfinished (the worker is stopping, or its partitions were revoked); nothing is committed."""


def _causes(error: BaseException, depth: int = 8):
    """The error and what it was raised from, nearest first."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and depth > 0 and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__
        depth -= 1


def _database_transient(error: BaseException) -> bool:
    if isinstance(error, sqlite3.OperationalError):
        return True  # "database is locked", "unable to open database file"
    try:  # the store's libraries; the other services do not ship them, nor raise their errors
        import psycopg
        from sqlalchemy import exc as sql_errors
    except ImportError:
        return False
    if isinstance(error, sql_errors.DBAPIError):
        # OperationalError covers refused and dropped connections, a server shutting down,
        # serialization failures and deadlocks (psycopg's TransactionRollback), SQLite's
        # "database is locked"; an invalidated connection is one the server dropped.
        return isinstance(error, (sql_errors.OperationalError, sql_errors.InterfaceError)) or bool(
            error.connection_invalidated)
    if isinstance(error, (sql_errors.DisconnectionError, sql_errors.TimeoutError)):
        return True  # the pool could not hand out a working connection in time
    return isinstance(error, (psycopg.OperationalError, psycopg.InterfaceError))


def dependency_of(error: BaseException) -> str | None:
    """The dependency a transient failure waits for ("database", "kafka", "network"); None: permanent."""
    for cause in _causes(error):
        if isinstance(cause, PublishFailed):
            return KAFKA if cause.transient else None
        if isinstance(cause, kafka_errors.KafkaError):
            return KAFKA if cause.retriable or isinstance(cause, _KAFKA_NOT_NOW) else None
        if _database_transient(cause):
            return DATABASE
        if isinstance(cause, (ConnectionError, TimeoutError)):
            return NETWORK
    return None


def is_transient(error: BaseException) -> bool:
    return dependency_of(error) is not None


@dataclass(frozen=True)
class FailurePolicy:
    """How long to wait between attempts at transient failures, and when a worker counts as stuck."""

    backoff_first_s: float = 0.2
    backoff_max_s: float = 10.0
    # A worker that owns partitions and has not gone round its loop for this long is stuck (liveness fails).
    stall_s: float = 300.0

    @classmethod
    def from_settings(cls, settings: Settings) -> "FailurePolicy":
        return cls(backoff_first_s=settings.retry_backoff_first_ms / 1000,
                   backoff_max_s=settings.retry_backoff_max_ms / 1000,
                   stall_s=settings.stall_timeout_s)


Pause = Callable[[float], Awaitable[None]]


@dataclass
class Waiting:
    """What a worker is waiting for right now, for readiness and logs."""

    dependency: str | None = None
    attempts: int = 0

    def start(self, dependency: str) -> None:
        self.dependency = dependency
        self.attempts += 1

    def clear(self) -> None:
        self.dependency, self.attempts = None, 0


async def retry_in_place(
    operation: Callable[[], Awaitable[T]],
    *,
    policy: FailurePolicy,
    what: str,
    pause: Pause | None = None,
    waiting: Waiting | None = None,
    on_retry: Callable[[str], None] | None = None,
) -> T:
    """Run `operation` until it succeeds or fails permanently; transient failures are retried in place.

    A permanent failure is raised as it is. `pause` (asyncio.sleep unless given)
    waits between attempts and may raise Abandoned to give the work up (then
    raised from here).
    `waiting` says what is awaited meanwhile; `on_retry` is told the
    dependency of each retried failure (a metrics counter).
    """
    waiting = waiting if waiting is not None else Waiting()

    def before_sleep(state: RetryCallState) -> None:
        error = state.outcome.exception() if state.outcome else None
        dependency = dependency_of(error) if error else None
        waiting.start(dependency or NETWORK)
        if on_retry:
            on_retry(waiting.dependency or NETWORK)
        log.warning("waiting for a dependency; retrying in place", what=what, dependency=waiting.dependency,
                    attempt=state.attempt_number, retry_in_s=round(state.upcoming_sleep, 2),
                    error=repr(error)[:300])

    retrying = AsyncRetrying(
        retry=retry_if_exception(is_transient),
        wait=wait_random_exponential(multiplier=policy.backoff_first_s, max=policy.backoff_max_s),
        sleep=pause or asyncio.sleep,
        before_sleep=before_sleep,
        reraise=True,
    )

    async def attempt() -> T:  # a coroutine function, which tenacity awaits (a lambda it would not)
        return await operation()

    try:
        result: T = await retrying(attempt)
        if waiting.dependency:
            log.info("dependency back", what=what, dependency=waiting.dependency, attempts=waiting.attempts)
        return result
    finally:
        waiting.clear()
