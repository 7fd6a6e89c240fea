"""The parse stage on the worker path: a poison article goes to the DLQ, the rest flow on."""

import dataclasses
from datetime import datetime, timezone

from newsflow_shared.envelope import read_event, to_message
from newsflow_shared.events import ParsedArticle, RawArticle
from newsflow_shared.memory_bus import InMemoryBus
from newsflow_shared.settings import Settings
from newsflow_shared.stage import StageWorker

from newsflow_parse.pipeline import build_stage
from tests.infra.workers import run_worker_until

POISON = "poison-article"


def raw(article_id: str) -> RawArticle:
    return RawArticle(
        article_id=article_id,
        received_at=datetime.now(timezone.utc),
        content_type="text/plain",
        content=f'Library extends opening hours\n\n"We want everyone to have a quiet place to read," said librarian Jo {article_id.title()}.',
    )


async def test_parse_stage_dead_letters_the_poison_article_and_passes_the_others():
    settings = Settings()
    stage = build_stage(settings)

    def handle_failing_on_poison(raws):
        if any(r.article_id == POISON for r in raws):
            raise RuntimeError("parser exploded")
        return stage.handle(raws)

    bus = InMemoryBus()
    ids = ["first", POISON, "last"]
    await bus.append([to_message(settings.topic_raw, raw(i), source="/test") for i in ids])
    worker = StageWorker(
        dataclasses.replace(stage, handle=handle_failing_on_poison),
        bus.consumer(settings.topic_raw, "parse", timeout=0.05),
        bus.publisher(),
        dlq_topic=settings.topic_dlq,
    )

    await run_worker_until(worker, lambda: bus.committed(settings.topic_raw, "parse") >= len(ids))

    parsed = [read_event(m, ParsedArticle) for m in bus.messages(settings.topic_parsed)]
    assert [p.article_id for p in parsed] == ["first", "last"]
    assert parsed[0].quotes[0].speaker == "Jo First"
    [dead] = bus.messages(settings.topic_dlq)
    assert dead.key == POISON.encode()
    assert dead.header("nf_stage") == "parse"
    assert "parser exploded" in dead.header("nf_error")
    assert read_event(dead, RawArticle).article_id == POISON
