"""Accepting articles: ids, duplicates, and a publish that must be acknowledged."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from newsflow_ingest.ids_topic import id_record
from newsflow_ingest.intake import ArticleSubmission, raw_article
from newsflow_ingest.recent_ids import RecentIds
from newsflow_shared.envelope import RECEIVED_AT, to_message
from newsflow_shared.progress import RECEIVED, progress_record
from newsflow_shared.tracing import ingest_extensions
from newsflow_shared.transport import Publisher


@dataclass(frozen=True)
class Receipt:
    article_id: str
    status: Literal["accepted", "duplicate"]


class IngestService:
    def __init__(
        self, publisher: Publisher, *, topic: str, recent: RecentIds | None = None, ids_topic: str | None = None,
        status_topic: str | None = None,
    ) -> None:
        self.publisher, self.topic, self.ids_topic, self.status_topic = publisher, topic, ids_topic, status_topic
        self.recent = recent if recent is not None else RecentIds()

    async def submit(self, submissions: list[ArticleSubmission]) -> list[Receipt]:
        """Publish the new articles; raises PublishFailed (and remembers none) if not acknowledged."""
        receipts: list[Receipt] = []
        fresh = []
        for raw in (raw_article(s) for s in submissions):
            if raw.article_id in self.recent:
                receipts.append(Receipt(raw.article_id, "duplicate"))
                continue
            # Remembered before the await so a concurrent re-post is a duplicate, not a second publish.
            self.recent.add(raw.article_id)
            fresh.append(raw)
            receipts.append(Receipt(raw.article_id, "accepted"))
        articles = [to_message(self.topic, raw, source="/newsflow/ingest",
                               extensions={RECEIVED_AT: raw.received_at.isoformat(),
                                           **ingest_extensions(raw.article_id)})
                    for raw in fresh]
        messages = list(articles)
        if self.status_topic:
            # In the same acknowledged write: the store's status of an article accepted is "received" (its
            # status barrier relies on it: whatever ingest answered 202 for is on the status topic).
            messages += [progress_record(self.status_topic, article, RECEIVED) for article in articles]
        if self.ids_topic:
            # In the same acknowledged write: an id is known exactly when its article is.
            messages += [id_record(self.ids_topic, raw.article_id, raw.received_at) for raw in fresh]
        if not messages:
            return receipts  # all duplicates
        try:
            await self.publisher.publish(messages)
        except BaseException:
            for raw in fresh:
                self.recent.discard(raw.article_id)
            raise
        return receipts
