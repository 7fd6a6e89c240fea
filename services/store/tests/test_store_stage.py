"""The store stage under the stage worker, fed by the in-process bus (fast; Kafka is in test_store_kafka.py)."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from newsflow_shared.envelope import Message, to_message
from newsflow_shared.memory_bus import InMemoryBus
from newsflow_shared.settings import Settings
from newsflow_shared.stage import StageWorker
from newsflow_store.crud import count_articles, get_article
from newsflow_store.db import make_engine, migrate
from newsflow_store.handler import build_stage
from newsflow_store.models import QuoteRow
from tests.infra.workers import run_worker_until

SETTINGS = Settings(topic_enriched="test.enriched", topic_dlq="test.dlq")


def test_the_stage_reads_enriched_articles_and_emits_nothing(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'store.db'}")
    stage = build_stage(engine, SETTINGS)

    assert (stage.name, stage.input_topic, stage.output_topic) == ("store", "test.enriched", None)
    assert stage.input_model.EVENT_TYPE == "newsflow.article.enriched.v1"


@pytest.mark.filterwarnings("ignore:New instance:sqlalchemy.exc.SAWarning")  # art-bad's duplicate quote id
async def test_good_articles_are_stored_once_and_poison_goes_to_the_dead_letters(tmp_path, make_article):
    engine = make_engine(f"sqlite:///{tmp_path / 'store.db'}")
    migrate(engine)
    bus = InMemoryBus()
    source = "/tests/enrich"
    first = to_message(SETTINGS.topic_enriched, make_article("art-1"), source=source)
    bad = make_article("art-bad")
    bad.quotes[1].id = bad.quotes[0].id  # valid JSON the database refuses
    await bus.append([
        first,
        to_message(SETTINGS.topic_enriched, bad, source=source),
        Message(topic=SETTINGS.topic_enriched, key=b"art-junk", value=b"\x00 not json"),
        first,  # redelivered
        to_message(SETTINGS.topic_enriched, make_article("art-2", revision=2), source=source),
    ])
    worker = StageWorker(
        build_stage(engine, SETTINGS), bus.consumer(SETTINGS.topic_enriched, "store"), bus.publisher(),
        dlq_topic=SETTINGS.topic_dlq,
    )

    await run_worker_until(worker, lambda: bus.committed(SETTINGS.topic_enriched, "store") == 5)

    with Session(engine) as session:
        assert count_articles(session) == 2
        assert len(session.exec(select(QuoteRow)).all()) == 2 + 3
        assert get_article(session, article_id="art-bad") is None
    dead = bus.messages(SETTINGS.topic_dlq)
    assert sorted(m.key for m in dead) == [b"art-bad", b"art-junk"]
    assert {m.header("nf_stage") for m in dead} == {"store"}
    assert {m.header("nf_error_type") for m in dead} == {"IntegrityError", "ValidationError"}
