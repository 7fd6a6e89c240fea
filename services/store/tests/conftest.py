"""Store fixtures: invented enriched articles, and a database engine on SQLite and on PostgreSQL."""

from __future__ import annotations

from dataclasses import dataclass, field

import httpx
import pytest
import pytest_asyncio

from newsflow_shared.events import (
    ArticleMetadata, EnrichedArticle, Entity, Mention, PipelineVersions, Quote, QuotePart,
)
from newsflow_store.app import create_app
from newsflow_store.crud import save_articles
from newsflow_store.db import make_engine, migrate, write_session

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
        id=quote_id, text=text, kind=kind, start=start, end=end, parts=[QuotePart(start=start, end=end)], cue=cue,
        found_by="quote-marks" if kind == "direct" else "complement-clause", speaker_by="cue-subject",
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


@dataclass
class Said:
    """A quote to place in a composed article: its text must occur in the body, and so must its speaker."""

    text: str
    speaker: str | None = None
    actor_id: str | None = None
    kind: str = "direct"
    cue: str | None = "said"


@dataclass
class Named:
    """An entity of a composed article; each of `mentions` must occur in the body."""

    id: str
    name: str
    type: str = "person"
    aliases: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    mentions: list[str] = field(default_factory=list)


def compose_article(article_id: str, body: str, *, said: list[Said] = (), named: list[Named] = (),
                    published_at: str | None = None, agency: str | None = None, site_name: str | None = None,
                    source: str | None = None, title: str | None = None, parse: str = "0.1.0",
                    enrich: str | None = "0.1.0") -> EnrichedArticle:
    """An enriched article with offsets computed from the body, as parse and enrich would give them."""

    def span(text: str) -> tuple[int, int]:
        start = body.index(text)
        return start, start + len(text)

    quotes = []
    for number, quote in enumerate(said, start=1):
        start, end = span(quote.text)
        speaker_start, speaker_end = span(quote.speaker) if quote.speaker else (None, None)
        quotes.append(Quote(id=f"q{number}", text=quote.text, kind=quote.kind, start=start, end=end,
                            parts=[QuotePart(start=start, end=end)], cue=quote.cue,
                            speaker=quote.speaker, speaker_start=speaker_start, speaker_end=speaker_end,
                            actor_id=quote.actor_id))
    entities = [
        Entity(id=e.id, name=e.name, type=e.type, aliases=e.aliases, titles=e.titles,
               mentions=[Mention(start=s, end=t, text=m) for m in (e.mentions or [e.name]) for s, t in [span(m)]])
        for e in named
    ]
    return EnrichedArticle(
        article_id=article_id,
        metadata=ArticleMetadata(title=title or f"Story {article_id}", published_at=published_at, agency=agency,
                                 site_name=site_name, source=source, language="en"),
        body=body, quotes=quotes, entities=entities, pipeline=PipelineVersions(parse=parse, enrich=enrich),
    )


def save(engine, *articles: EnrichedArticle):
    with write_session(engine) as session:
        return save_articles(session, articles=list(articles))


@pytest.fixture
def make_article():
    return enriched_article


def engine_on(url: str):
    engine = make_engine(url)
    migrate(engine)
    return engine


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.integration)])
def store_engine(request, tmp_path):
    """An engine on an empty, migrated store: a SQLite file, or a fresh PostgreSQL database."""
    url = f"sqlite:///{tmp_path / 'store.db'}" if request.param == "sqlite" else request.getfixturevalue("postgres_url")
    engine = engine_on(url)
    yield engine
    engine.dispose()


@pytest.fixture
def another_store(request, tmp_path, store_engine):
    """Makes more empty stores on store_engine's database server (to compare with, or run beside)."""
    engines = []

    def make():
        if store_engine.dialect.name == "sqlite":
            url = f"sqlite:///{tmp_path / f'other-{len(engines)}.db'}"
        else:
            url = request.getfixturevalue("postgres_server").create_database()
        engines.append(engine_on(url))
        return engines[-1]

    yield make
    for engine in engines:
        engine.dispose()


@pytest.fixture
def compose():
    return compose_article


@pytest.fixture
def said():
    return Said


@pytest.fixture
def named():
    return Named


@pytest.fixture
def save_to():
    return save


# --- a small newsroom: one statement reported by three outlets, and a few other stories

SOUSA = Named("person-ana-sousa", "Ana Sousa", aliases=["Sousa", "Harbour Minister Ana Sousa"],
              titles=["Harbour Minister"], mentions=["Harbour Minister Ana Sousa", "Sousa"])
FERRY_CO = Named("org-island-ferry", "Island Ferry Company", "organization", aliases=["the ferry company"],
                 mentions=["Island Ferry Company"])
MATOS = Named("person-rui-matos", "Rui Matos", titles=["union organiser at the Dockworkers Union"],
              mentions=["Rui Matos"])
UNION = Named("org-dockworkers", "Dockworkers Union", "organization", aliases=["the union"],
              mentions=["Dockworkers Union"])

PROMISE = "We owe the islanders a reliable crossing, and we will deliver it before summer"


def newsroom_articles() -> list[EnrichedArticle]:
    """Five invented stories from four outlets; Sousa's promise is in three of them, worded differently."""
    ap_body = (f"Harbour Minister Ana Sousa said on Thursday that the ferry terminal would reopen in June. "
               f"\u201c{PROMISE},\u201d Sousa told reporters. The Island Ferry Company said new boats were on order.")
    pink_body = ("Minister Sousa spoke at the harbour. \"We owe islanders a reliable crossing - and we will "
                 "deliver it before summer.\" said Minister Sousa, to applause.")
    sbs_body = "On the quay, Sousa promised 'a reliable crossing, and we will deliver it before summer' to islanders."
    strike_body = ("Dockworkers in Porto Novo walked out on Monday. \"We are asking for safety, not favours,\" said "
                   "Rui Matos of the Dockworkers Union. \"No comment,\" said Sousa when asked about the strike.")
    undated_body = "The Harbour Herald asked readers about the ferry. \"No comment,\" said a ferry captain."
    return [
        compose_article(
            "ap-1", ap_body, agency="AP", site_name="AP News", published_at="2024-05-02T10:00:00Z",
            title="Ferry terminal to reopen in June",
            said=[Said(f"\u201c{PROMISE},\u201d", "Sousa", SOUSA.id, cue="told"),
                  Said("new boats were on order", "The Island Ferry Company", FERRY_CO.id, kind="indirect")],
            named=[SOUSA, FERRY_CO]),
        compose_article(
            "pn-1", pink_body, site_name="PinkNews", published_at="2024-05-02T16:00:00+02:00",
            title="Sousa promises reliable crossing",
            said=[Said("\"We owe islanders a reliable crossing - and we will deliver it before summer.\"",
                       "Minister Sousa", SOUSA.id)],
            named=[Named(SOUSA.id, SOUSA.name, aliases=["Minister Sousa"], titles=["Minister"],
                         mentions=["Minister Sousa"])]),
        compose_article(
            "sbs-1", sbs_body, source="SBS", published_at="2024-05-03",
            title="Islanders wait for their ferry",
            said=[Said("a reliable crossing, and we will deliver it before summer", "Sousa", None, kind="mixed",
                       cue="promised")]),
        compose_article(
            "ap-2", strike_body, agency="AP", published_at="2024-04-20T08:00:00Z", title="Dockworkers strike",
            said=[Said("\"We are asking for safety, not favours,\"", "Rui Matos", MATOS.id),
                  Said("\"No comment,\"", "Sousa", SOUSA.id)],
            named=[MATOS, UNION, Named(SOUSA.id, SOUSA.name, aliases=["Sousa"], mentions=["Sousa"])]),
        compose_article(
            "hh-1", undated_body, source="Harbour Herald", title="Readers ask about the ferry",
            said=[Said("\"No comment,\"", "a ferry captain", None)]),
    ]


@pytest.fixture
def newsroom():
    return newsroom_articles()


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.integration)])
def newsroom_store(request, tmp_path_factory):
    """A store holding the newsroom (saved over a few batches), shared by a module's read-only tests."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('newsroom') / 'store.db'}"
    else:
        url = request.getfixturevalue("postgres_server").create_database()
    engine = engine_on(url)
    ap1, pn1, sbs1, ap2, hh1 = newsroom_articles()
    for batch in ([ap2], [ap1, pn1], [sbs1, hh1]):
        save(engine, *batch)
    yield engine
    engine.dispose()


def _client_for(app) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://store.test")


@pytest.fixture
def client_for():
    """An HTTP client on an app, in process (ASGI)."""
    return _client_for


@pytest_asyncio.fixture(loop_scope="function")
async def client(newsroom_store):
    """A client of the store's app over the newsroom."""
    async with _client_for(create_app(newsroom_store)) as client:
        yield client
