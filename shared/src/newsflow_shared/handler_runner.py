"""Where a stage's handler runs: in a thread beside the event loop, or in a child process on a budget.

The NLP stages (parse, enrich) run theirs in a child process (NEWSFLOW_NLP_ISOLATION=process, the
default). spaCy cannot be interrupted from Python, and some texts cost it far more than their length
suggests (a hostile article of 4,000 "Mr Smith said" took enrich over ten minutes). In a child, such
an article is stopped where it stands: past NEWSFLOW_NLP_SECONDS_PER_ARTICLE, or past
NEWSFLOW_NLP_MAX_MEMORY_MB, the child is killed and replaced, the article is dead-lettered as too
costly to process, and its partition moves on. The event loop, the consumer's heartbeats and the
health endpoints never wait for it.

A batch gets the budget of one article (a batch of ordinary news takes a small part of it); a batch
over it is run again one article at a time, so only the article that is over on its own is refused.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import pickle
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from typing import TYPE_CHECKING, Callable, Protocol

import structlog
from pebble import ProcessExpired, ProcessPool

from newsflow_shared.envelope import EncodedEvent, Message
from newsflow_shared.events import Event
from newsflow_shared.integrity import TooCostly

if TYPE_CHECKING:
    from newsflow_shared.settings import Settings
    from newsflow_shared.stage import Stage

log = structlog.get_logger(__name__)

# Per message: its output (an event, or from a child process its JSON), None, or why it failed.
Outcomes = list[Event | EncodedEvent | None | BaseException]
# The exit status of a child that stopped itself for going over the memory budget.
OVER_MEMORY_EXIT = 86
_MEMORY_CHECK_S = 0.1


class HandlerRunner(Protocol):
    # True when the runner stops any article past a budget: then a long wait for it is work, not a hang.
    bounded: bool

    async def start(self, stage: Stage) -> None:
        """Load what the handler needs (its model) before the worker joins its group."""

    async def run(self, stage: Stage, messages: list[Message]) -> Outcomes:
        """Read each message as the stage's input and handle it (stage.read_and_handle), off the event loop."""

    def close(self) -> None: ...


class InThread:
    """The handler in one thread of this process: for handlers with no NLP (store) and for tests."""

    bounded = False

    def __init__(self, name: str) -> None:
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)

    async def start(self, stage: Stage) -> None:
        if stage.warm_up is not None:
            await asyncio.get_running_loop().run_in_executor(self._executor, stage.warm_up)

    async def run(self, stage: Stage, messages: list[Message]) -> Outcomes:
        from newsflow_shared.stage import read_and_handle

        return await asyncio.get_running_loop().run_in_executor(self._executor, read_and_handle, stage, messages)

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)


class InChildProcess:
    """The handler in a child process, on a time and memory budget per article (see the module doc)."""

    bounded = True

    def __init__(self, *, seconds_per_article: float, max_memory_mb: int | None = None) -> None:
        self.seconds_per_article = seconds_per_article
        self.max_memory_mb = max_memory_mb
        self._warm_up: Callable[[], object] | None = None  # the stage's, run by every child it starts
        self._pool: ProcessPool | None = None

    async def start(self, stage: Stage) -> None:
        self._warm_up = stage.warm_up
        await asyncio.wrap_future(self._child().schedule(_nothing))  # returns once the child has warmed up

    def _child(self) -> ProcessPool:
        # spawn, not fork: the parent has threads (the event loop's executors, aiokafka's) that
        # a forked child would inherit in whatever state they were.
        if self._pool is None or not self._pool.active:
            self._pool = ProcessPool(max_workers=1, initializer=_start_child,
                                     initargs=(self.max_memory_mb, self._warm_up),
                                     context=multiprocessing.get_context("spawn"))
        return self._pool

    async def run(self, stage: Stage, messages: list[Message]) -> Outcomes:
        if not messages:
            return []
        # The messages go as they came and the outputs come back as JSON: bytes cross cheaply, models do not.
        future = self._child().schedule(_handle_in_child, (stage, messages), timeout=self.seconds_per_article)
        try:
            return await asyncio.wrap_future(future)
        except (FutureTimeout, ProcessExpired) as exc:
            if len(messages) > 1:
                log.info("batch over the NLP budget; one article at a time", stage=stage.name, size=len(messages))
                return [(await self.run(stage, [message]))[0] for message in messages]
            article_id = messages[0].article_id
            reason = self._reason(exc, article_id)
            log.warning("article over the NLP budget", stage=stage.name, article_id=article_id, reason=reason)
            return [TooCostly(reason)]

    def _reason(self, exc: BaseException, article_id: str) -> str:
        if isinstance(exc, ProcessExpired) and exc.exitcode == OVER_MEMORY_EXIT:
            return (f"too costly to process: article {article_id} took more than {self.max_memory_mb} MB "
                    "(NEWSFLOW_NLP_MAX_MEMORY_MB)")
        if isinstance(exc, ProcessExpired):
            return f"too costly to process: the process handling article {article_id} died ({exc})"
        return (f"too costly to process: article {article_id} took more than {self.seconds_per_article:g} s "
                "(NEWSFLOW_NLP_SECONDS_PER_ARTICLE)")

    def close(self) -> None:
        if self._pool is not None:
            self._pool.stop()
            self._pool.join(timeout=5)


def runner_for(stage: Stage, settings: Settings) -> HandlerRunner:
    """The runner the settings give this stage: its NLP in a child process unless told otherwise."""
    if stage.costly and settings.nlp_isolation == "process":
        return InChildProcess(seconds_per_article=settings.nlp_seconds_per_article,
                              max_memory_mb=settings.nlp_max_memory_mb)
    return InThread(stage.name)


# What runs in the child.

def _start_child(max_memory_mb: int | None, warm_up: Callable[[], object] | None) -> None:
    if max_memory_mb:
        threading.Thread(target=_exit_when_over, args=(max_memory_mb * 2**20,), daemon=True,
                         name="memory-budget").start()
    if warm_up is not None:
        warm_up()  # loading the model is not an article's cost: the time budget starts after it


def _exit_when_over(limit_bytes: int) -> None:
    page = os.sysconf("SC_PAGE_SIZE")
    try:
        statm = open("/proc/self/statm", "rb", buffering=0)
    except OSError:
        return  # no procfs: the container's own memory limit is the only bound
    with statm:
        while True:
            statm.seek(0)
            if int(statm.read().split()[1]) * page > limit_bytes:
                os._exit(OVER_MEMORY_EXIT)
            time.sleep(_MEMORY_CHECK_S)


def _nothing() -> None:
    pass


def _handle_in_child(stage: Stage, messages: list[Message]) -> Outcomes:
    from newsflow_shared.stage import read_and_handle

    return [_sendable(outcome) for outcome in read_and_handle(stage, messages)]


def _sendable(outcome: Event | EncodedEvent | None | BaseException) -> EncodedEvent | None | BaseException:
    """An event goes back as its JSON; an exception that cannot cross back is replaced by one that says what it was."""
    from newsflow_shared.stage import Unreadable

    if isinstance(outcome, Event):
        return EncodedEvent.of(outcome)
    if isinstance(outcome, Unreadable):
        return Unreadable(_crossable(outcome.error))  # still a contract breach, whatever its error
    if isinstance(outcome, BaseException):
        return _crossable(outcome)
    return outcome


def _crossable(error: BaseException) -> BaseException:
    try:
        pickle.loads(pickle.dumps(error))
    except Exception:  # noqa: BLE001 - any pickling failure
        return RuntimeError(f"{type(error).__name__}: {error}")
    return error
