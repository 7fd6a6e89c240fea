"""The store stage: enriched articles from Kafka into the database, one transaction per batch."""

from __future__ import annotations

from collections import Counter
from typing import Callable

import structlog
from sqlalchemy.engine import Engine

from newsflow_shared.events import EnrichedArticle
from newsflow_shared.integrity import check_offsets
from newsflow_shared.settings import Settings
from newsflow_shared.stage import Stage
from newsflow_store.crud import save_articles
from newsflow_store.db import write_session

log = structlog.get_logger(__name__)

STAGE_NAME = "store"


def store_handler(engine: Engine) -> Callable[[list[EnrichedArticle]], list[None]]:
    """A batch handler for the stage worker: saves the whole batch or (raising) none of it.

    On an error the worker retries the articles one by one, so only the
    culprit is dead-lettered; the others are saved then. A database that is
    down or busy is a transient failure: the worker retries the batch in place.
    """

    def save_batch(articles: list[EnrichedArticle]) -> list[None]:
        for article in articles:
            check_offsets(article)  # an article whose spans point outside its body is poison, not data
        with write_session(engine) as session:
            outcomes = save_articles(session, articles=articles)
        log.info("batch stored", **Counter(outcome.value for outcome in outcomes))
        return [None] * len(articles)

    return save_batch


def build_stage(engine: Engine, settings: Settings) -> Stage[EnrichedArticle, EnrichedArticle]:
    return Stage(
        name=STAGE_NAME,
        input_topic=settings.topic_enriched,
        input_model=EnrichedArticle,
        output_topic=None,
        handle=store_handler(engine),
        work="database write",
    )
