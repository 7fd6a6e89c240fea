"""Choosing dead letters to send back, and what is sent (the Kafka side is tested in tests/chaos)."""

from datetime import datetime, timedelta, timezone

from newsflow_shared.dead_letter import dead_letter
from newsflow_shared.envelope import Message
from newsflow_shared.redrive import DeadLetter, RedriveFilter, plan_redrive, redriven

T0 = datetime(2026, 12, 1, 12, 0, tzinfo=timezone.utc)


def dead(article: str, stage: str, error: Exception, *, topic: str, minutes: int, offset: int) -> DeadLetter:
    original = Message(topic=topic, key=article.encode(), value=b'{"article_id": "%s"}' % article.encode(),
                       headers=(("ce_type", b"newsflow.article.raw.v1"),), partition=2, offset=offset)
    letter = dead_letter(original, error, stage=stage, dlq_topic="articles.dlq")
    placed = Message(topic=letter.topic, key=letter.key, value=letter.value, headers=letter.headers, partition=0,
                     offset=offset)
    return DeadLetter(placed, T0 + timedelta(minutes=minutes))


class TooCostly(ValueError):
    pass


LETTERS = [
    dead("a1", "parse", TooCostly("too costly"), topic="articles.raw", minutes=0, offset=0),
    dead("a2", "enrich", ValueError("offsets"), topic="articles.parsed", minutes=5, offset=1),
    dead("a1", "parse", TooCostly("too costly again"), topic="articles.raw", minutes=10, offset=2),
    dead("a3", "store", KeyError("x"), topic="articles.enriched", minutes=20, offset=3),
]


def keys(chosen: list[DeadLetter]) -> list[tuple[str, int]]:
    return [(d.article_id, d.message.offset) for d in chosen]


def test_everything_once_per_article_and_topic_its_latest_dead_letter_oldest_first():
    assert keys(plan_redrive(LETTERS, RedriveFilter())) == [("a2", 1), ("a1", 2), ("a3", 3)]


def test_filters_by_stage_error_type_article_and_time():
    assert keys(plan_redrive(LETTERS, RedriveFilter(stages=frozenset({"enrich", "store"})))) == [("a2", 1), ("a3", 3)]
    assert keys(plan_redrive(LETTERS, RedriveFilter(error_types=frozenset({"TooCostly"})))) == [("a1", 2)]
    assert keys(plan_redrive(LETTERS, RedriveFilter(article_ids=frozenset({"a3"})))) == [("a3", 3)]
    window = RedriveFilter(since=T0 + timedelta(minutes=5), until=T0 + timedelta(minutes=20))
    assert keys(plan_redrive(LETTERS, window)) == [("a2", 1), ("a1", 2)]


def test_the_original_goes_back_to_its_topic_without_the_dead_letter_headers():
    message = redriven(LETTERS[1])
    assert message.topic == "articles.parsed"
    assert message.key == b"a2" and message.value == LETTERS[1].message.value
    names = [name for name, _ in message.headers]
    assert "ce_type" in names and not any(name.startswith("nf_error") or name == "nf_stage" for name in names)
    assert message.header("nf_redriven_from") == "articles.dlq:0:1"
