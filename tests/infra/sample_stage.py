"""A tiny stage for testing the worker: uppercases raw text, fails on 'POISON'.

For the NLP budget (handler_runner), text can also ask to cost too much: 'HANG' never finishes,
'HOG' takes memory without end, 'DIE' ends the process that handles it.
"""

import os
import time
from datetime import datetime, timezone
from functools import partial

from newsflow_shared.envelope import EncodedEvent, Message, to_message
from newsflow_shared.events import ParsedArticle, PipelineVersions, RawArticle, ArticleMetadata
from newsflow_shared.stage import Stage


def raw(article_id: str, content: str) -> RawArticle:
    return RawArticle(article_id=article_id, received_at=datetime.now(timezone.utc),
                      content_type="text/plain", content=content)


def raw_message(article_id: str, content: str, topic: str = "articles.raw") -> Message:
    return to_message(topic, raw(article_id, content), source="/test")


def body_of(outcome: ParsedArticle | EncodedEvent) -> str:
    """The shouted text of an outcome: an event from a thread, its JSON from a child process."""
    if isinstance(outcome, EncodedEvent):
        outcome = ParsedArticle.model_validate_json(outcome.data)
    return outcome.body


def shout(events: list[RawArticle], delay_s: float = 0.0) -> list[ParsedArticle]:
    out = []
    for event in events:
        time.sleep(delay_s)  # stands in for NLP time, so rebalances land mid-stream
        if "HANG" in event.content:
            time.sleep(3600)
        if "HOG" in event.content:
            hoard = []
            while True:
                hoard.append(bytearray(16 * 2**20))  # written pages count, not just reserved ones
                time.sleep(0.005)
        if "DIE" in event.content:
            os._exit(3)
        if "POISON" in event.content:
            raise ValueError(f"cannot parse {event.article_id}")
        out.append(ParsedArticle(article_id=event.article_id, metadata=ArticleMetadata(),
                                 body=event.content.upper(), pipeline=PipelineVersions(parse="test")))
    return out


def shout_stage(raw_topic: str = "articles.raw", parsed_topic: str = "articles.parsed", delay_s: float = 0.0,
                costly: bool = False) -> Stage:
    return Stage(name="shout", input_topic=raw_topic, input_model=RawArticle,
                 output_topic=parsed_topic, handle=partial(shout, delay_s=delay_s), costly=costly)
