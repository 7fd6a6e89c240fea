"""Article statuses: the furthest step wins, in whatever order the topics report them."""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta, timezone

import pytest
from sqlmodel import Session

from newsflow_shared.envelope import Message, to_message
from newsflow_shared.events import RawArticle
from newsflow_store.crud import get_status, record_statuses
from newsflow_store.db import write_session
from newsflow_shared.progress import PARSED, RECEIVED, progress_record
from newsflow_store.status import (Failure, Status, StatusUpdate, combine_updates, update_from_dead_letter,
                                   update_from_progress)

T0 = datetime(2024, 5, 2, 10, 0, tzinfo=timezone.utc)


def at(seconds: int) -> datetime:
    return T0 + timedelta(seconds=seconds)


def dead_letter_of(article_id: str, stage: str, error: str) -> Message:
    return Message(topic="articles.dlq", key=article_id.encode(), value=b"{not json", headers=(
        ("ce_time", b"2024-05-02T09:00:00+00:00"), ("nf_error", error.encode()),
        ("nf_error_type", error.split(":")[0].encode()), ("nf_stage", stage.encode()),
    ))


def test_a_progress_record_says_which_article_which_step_and_when():
    raw = RawArticle(article_id="a1", received_at=T0, content_type="text/plain", content="Hello")
    event = to_message("articles.raw", raw, source="/test")
    update = update_from_progress(progress_record("articles.status", event, RECEIVED), now=at(99))
    assert (update.article_id, update.status) == ("a1", Status.RECEIVED)
    assert update.at.isoformat().replace("+00:00", "Z") == event.header("ce_time")  # the event's moment, not `now`

    parsed = progress_record("articles.status", Message(topic="articles.parsed", key=b"a2", value=b"{}"), PARSED)
    assert update_from_progress(parsed, now=at(7)) == StatusUpdate("a2", Status.PARSED, at(7))  # no moment: now


@pytest.mark.parametrize("message", [
    Message(topic="articles.status", key=None, value=b"", headers=(("nf_step", b"parsed"),)),  # no article
    Message(topic="articles.status", key=b"a1", value=b""),  # no step
    Message(topic="articles.status", key=b"a1", value=b"", headers=(("nf_step", b"stored"),)),  # the store's to say
    Message(topic="articles.status", key=b"a1", value=b"", headers=(("nf_step", b"failed"),)),  # the DLQ's to say
])
def test_a_progress_record_without_an_article_or_a_known_step_says_nothing(message):
    assert update_from_progress(message, now=T0) is None


def test_a_dead_letter_is_a_failure_with_stage_and_reason_read_when_it_arrives():
    update = update_from_dead_letter(dead_letter_of("a1", "parse", "ValueError: no text"), now=at(5))
    assert update.status is Status.FAILED and update.at == at(5)
    assert update.failure == Failure(stage="parse", error_type="ValueError", error="ValueError: no text", at=at(5))


UPDATES = [
    StatusUpdate("a1", Status.RECEIVED, at(0)),
    StatusUpdate("a1", Status.PARSED, at(1)),
    StatusUpdate("a1", Status.ENRICHED, at(2)),
    StatusUpdate("a1", Status.RECEIVED, at(7)),  # redelivered later: keeps the first moment
    StatusUpdate("a1", Status.STORED, at(3), parse_version="0.1.0", enrich_version="0.1.0"),
    StatusUpdate("a1", Status.FAILED, at(8), failure=Failure("enrich", "RuntimeError", "boom", at(8))),
    StatusUpdate("a1", Status.STORED, at(9), parse_version="0.2.0", enrich_version="0.1.0"),
]


@pytest.mark.parametrize("order", list(itertools.permutations(range(len(UPDATES))))[::360])
def test_combining_is_the_same_in_any_order(order):
    (record,) = combine_updates([UPDATES[i] for i in order])
    assert record.status is Status.STORED  # a later failure (of a reprocessing) does not unstore it
    assert record.reached == {Status.RECEIVED: at(0), Status.PARSED: at(1), Status.ENRICHED: at(2),
                              Status.STORED: at(9), Status.FAILED: at(8)}
    assert record.failure.stage == "enrich"
    assert (record.parse_version, record.enrich_version) == ("0.2.0", "0.1.0")  # of the latest storing


def test_failed_outranks_every_step_before_stored():
    (record,) = combine_updates([StatusUpdate("a1", Status.FAILED, at(1), failure=Failure("parse", "E", "e", at(1))),
                                 StatusUpdate("a1", Status.RECEIVED, at(0)), StatusUpdate("a1", Status.PARSED, at(2))])
    assert record.status is Status.FAILED


def write(engine, updates):
    with write_session(engine) as session:
        record_statuses(session, combine_updates(updates))
        session.commit()


def read(engine, article_id):
    with Session(engine) as session:
        return get_status(session, article_id=article_id)


@pytest.mark.parametrize("split", [1, 3, 6])
def test_the_database_merges_like_combine_whatever_the_batches(store_engine, split):
    for start in range(0, len(UPDATES), split):
        write(store_engine, UPDATES[start:start + split])

    record, updated_at = read(store_engine, "a1")
    assert record == combine_updates(UPDATES)[0]
    assert updated_at > T0


def test_an_unknown_article_has_no_status_and_a_stored_one_without_a_row_is_stored(store_engine, make_article,
                                                                                   save_to):
    assert read(store_engine, "nope") is None
    save_to(store_engine, make_article("art-1"))
    record, _ = read(store_engine, "art-1")
    assert record.status is Status.STORED and record.parse_version == "0.1.0"
