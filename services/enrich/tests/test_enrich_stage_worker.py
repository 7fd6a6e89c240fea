"""The enrich stage on the worker path: a poison article goes to the DLQ, the rest flow on."""

import dataclasses

from newsflow_shared.envelope import Message, read_event, to_message
from newsflow_shared.events import ArticleMetadata, EnrichedArticle, ParsedArticle, PipelineVersions
from newsflow_shared.memory_bus import InMemoryBus
from newsflow_shared.settings import Settings
from newsflow_shared.stage import StageWorker

from newsflow_enrich.pipeline import build_stage
from tests.infra.workers import run_worker_until

POISON = "poison-article"


def parsed(article_id: str) -> ParsedArticle:
    return ParsedArticle(
        article_id=article_id,
        metadata=ArticleMetadata(title="Library extends opening hours"),
        body="Maria Santos, the head librarian, announced longer opening hours in Leeds on Monday.",
        pipeline=PipelineVersions(parse="0.1.0"),
    )


async def test_enrich_stage_dead_letters_the_poison_article_and_passes_the_others():
    settings = Settings()
    stage = build_stage(settings)

    def handle_failing_on_poison(articles):
        if any(a.article_id == POISON for a in articles):
            raise RuntimeError("NER exploded")
        return stage.handle(articles)

    bus = InMemoryBus()
    ids = ["first", POISON, "last"]
    await bus.append([to_message(settings.topic_parsed, parsed(i), source="/test") for i in ids])
    # Not JSON at all: dead-lettered before the handler ever sees it.
    await bus.append([Message(topic=settings.topic_parsed, key=b"garbled", value=b"{not json")])
    worker = StageWorker(
        dataclasses.replace(stage, handle=handle_failing_on_poison),
        bus.consumer(settings.topic_parsed, "enrich", timeout=0.05),
        bus.publisher(),
        dlq_topic=settings.topic_dlq,
    )

    await run_worker_until(
        worker, lambda: bus.committed(settings.topic_parsed, "enrich") >= len(ids) + 1, timeout=30
    )

    enriched = [read_event(m, EnrichedArticle) for m in bus.messages(settings.topic_enriched)]
    assert [e.article_id for e in enriched] == ["first", "last"]
    assert "Maria Santos" in [entity.name for entity in enriched[0].entities]
    dead = {m.key: m for m in bus.messages(settings.topic_dlq)}
    assert set(dead) == {POISON.encode(), b"garbled"}
    assert "NER exploded" in dead[POISON.encode()].header("nf_error")
    assert dead[POISON.encode()].header("nf_stage") == "enrich"
    assert read_event(dead[POISON.encode()], ParsedArticle).article_id == POISON
    assert dead[b"garbled"].value == b"{not json"
