"""Store fixtures: invented enriched articles, and a database engine on SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest

from newsflow_shared.events import ArticleMetadata, EnrichedArticle, Entity, Mention, PipelineVersions, Quote
from newsflow_store.db import create_schema, make_engine

BODY = (
    "Mayor Lena Ortiz said on Tuesday that the Riverside bridge would reopen in May. "
    '"We owe the commuters a safe crossing," Ortiz told reporters outside city hall. '
    "The city engineer, Tomas Reyes, said repairs were ahead of schedule. "
    "The Riverside Transit Authority will restore two bus lines once the bridge reopens. "
    '"The bridge carried forty thousand cars a day before it closed," Reyes added.'
)


def _span(text: str, occurrence: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = BODY.index(text, start + 1)
    return start, start + len(text)


def _quote(
    quote_id: str, text: str, kind: str, cue: str, speaker: str, actor_id: str | None, occurrence: int = 0
) -> Quote:
    start, end = _span(text)
    speaker_start, speaker_end = _span(speaker, occurrence)
    return Quote(
        id=quote_id, text=text, kind=kind, start=start, end=end, cue=cue,
        speaker=speaker, speaker_start=speaker_start, speaker_end=speaker_end, actor_id=actor_id,
    )


def _entity(
    entity_id: str, name: str, type_: str, aliases: list[str], titles: list[str], mentions: list[str]
) -> Entity:
    return Entity(
        id=entity_id, name=name, type=type_, aliases=aliases, titles=titles,
        mentions=[Mention(start=s, end=e, text=m) for m in mentions for s, e in [_span(m)]],
    )


def enriched_article(article_id: str = "art-1", *, parse: str = "0.1.0", enrich: str | None = "0.1.0",
                     revision: int = 1) -> EnrichedArticle:
    """An invented article; revision 2 is what a better pipeline makes of it (one more quote, a new entity)."""
    quotes = [
        _quote("q1", '"We owe the commuters a safe crossing,"', "direct", "told", "Ortiz", "ent-ortiz", 1),
        _quote("q2", "repairs were ahead of schedule", "indirect", "said", "Tomas Reyes", "ent-reyes"),
    ]
    entities = [
        _entity("ent-ortiz", "Lena Ortiz", "person", ["Ortiz", "Mayor Lena Ortiz"], ["Mayor"], ["Lena Ortiz", "Ortiz"]),
        _entity("ent-reyes", "Tomas Reyes", "person", ["Reyes"], ["city engineer"], ["Tomas Reyes"]),
    ]
    title = f"Riverside bridge to reopen in May ({article_id})"
    if revision >= 2:
        quotes.append(_quote("q3", '"The bridge carried forty thousand cars a day before it closed,"', "direct",
                             "added", "Reyes", "ent-reyes", 1))
        entities.append(_entity("ent-rta", "Riverside Transit Authority", "organization", [], [],
                                ["Riverside Transit Authority"]))
        title += " [updated]"
    return EnrichedArticle(
        article_id=article_id,
        metadata=ArticleMetadata(
            title=title,
            authors=["Nadia Kowal", "Peter Lind"],
            published_at="2024-03-05T09:30:00+00:00",
            dateline="RIVERSIDE",
            agency="Valley Press",
            site_name="Riverside Daily",
            url=f"https://riverside.example/news/{article_id}",
            language="en",
            captions=["The Riverside bridge, closed since January."],
            source="riverside-daily",
            external_id=f"rd-{article_id}",
        ),
        body=BODY,
        quotes=quotes,
        entities=entities,
        pipeline=PipelineVersions(parse=parse, enrich=enrich),
    )


@pytest.fixture
def make_article():
    return enriched_article


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.integration)])
def store_engine(request, tmp_path):
    """An engine on an empty store schema: a SQLite file, or a fresh PostgreSQL database."""
    url = f"sqlite:///{tmp_path / 'store.db'}" if request.param == "sqlite" else request.getfixturevalue("postgres_url")
    engine = make_engine(url)
    create_schema(engine)
    yield engine
    engine.dispose()
