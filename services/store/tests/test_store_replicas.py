"""Store replicas writing at once converge to the rows one store would write (issue 17).

Two replicas, each with its own engine (its own connections, as two pods
would have), save the partitions of one newsroom in step: every round both
start a batch at the same moment. The articles share speakers, organizations
and statements worded differently by each outlet, some are replaced by a newer
pipeline version, and after a "rebalance" a replica redelivers the other's
articles.

One store that saved the same batches one after the other, in the order the
replicas took their turns at the statements, must leave exactly the same rows:
the same articles, statements (ids too) and reports, and exact counts of every
entity, alias and person-organization pair. (Grouping is greedy, so which
statement an unattributed or bridging report joins can depend on the order
reports arrive in; one store reading two partitions has an order too. What
racing must not do is miss another writer's work: a second statement for one
quote, a count lost.)
"""

from __future__ import annotations

import random
import threading
import zlib

import pytest
from sqlalchemy import func
from sqlmodel import Session, select

from newsflow_shared.events import EnrichedArticle, PipelineVersions

from newsflow_store.crud import saving
from newsflow_store.db import make_engine, migrate
from newsflow_store.models import ArticleRow, PendingEntityCount, QuoteRow, StatementRow
from tests.infra.store_snapshot import snapshot

STATEMENTS = [
    "We will reopen the northern rail line before the end of the year",
    "The budget leaves no room for new hospitals anywhere in the valley",
    "Our divers found the wreck three miles off the old lighthouse",
    "Nobody told the fishermen that the harbour would close for a month",
    "We are looking at every option",
]
SPEAKERS = [("Ana Sousa", "person-sousa"), ("Sousa", "person-sousa"), ("Rui Matos", "person-matos"),
            ("Matos", "person-matos"), ("a spokesman", None)]
FULL_NAMES = {"person-sousa": "Ana Sousa", "person-matos": "Rui Matos"}
AUTHORITY = "Harbour Authority"


def wording(rng: random.Random, words: str) -> str:
    """One outlet's version of a statement: whole, a fragment, or a word dropped."""
    tokens = words.split()
    choice = rng.randrange(3)
    if choice == 1:
        return " ".join(tokens[1:8])
    if choice == 2:
        drop = rng.randrange(len(tokens))
        return " ".join(tokens[:drop] + tokens[drop + 1:])
    return words


def newsroom(compose, said, named, seed: int, count: int = 48) -> list[EnrichedArticle]:
    rng = random.Random(seed)
    made = []
    for n in range(count):
        sentences, quotes, people = [], [], {}
        for words in rng.sample(STATEMENTS, rng.randrange(1, 4)):
            text = f'"{wording(rng, words)},"'
            speaker, actor = rng.choice(SPEAKERS)
            sentences.append(f"{text} said {speaker}.")
            quotes.append(said(text, speaker, actor))
            if actor:
                people.setdefault(actor, set()).add(speaker)
        entities = [named(actor, FULL_NAMES[actor], aliases=sorted(mentions - {FULL_NAMES[actor]}),
                          mentions=sorted(mentions)) for actor, mentions in sorted(people.items())]
        if n % 2:
            sentences.append(f"The {AUTHORITY} declined to comment.")
            entities.append(named("org-harbour", AUTHORITY, "organization", mentions=[AUTHORITY]))
        made.append(compose(f"story-{n}", " ".join(sentences), said=quotes, named=entities,
                            site_name=f"Outlet {n % 5}", published_at=f"2024-06-{1 + n % 28:02d}T07:00:00Z"))
    return made


def reprocessed(article: EnrichedArticle) -> EnrichedArticle:
    """A newer pipeline's version: its last quote no longer found."""
    newer = article.model_copy(deep=True)
    newer.pipeline = PipelineVersions(parse="0.2.0", enrich="0.1.0")
    newer.quotes = newer.quotes[:-1]
    return newer


def partition_of(article: EnrichedArticle, partitions: int = 2) -> int:
    """As Kafka's keyed producer would (any stable hash will do): every version of an article in one partition."""
    return zlib.crc32(article.article_id.encode()) % partitions


def rounds(articles: list[EnrichedArticle], replica: int, batch: int = 3) -> list[list[EnrichedArticle]]:
    """A replica's batches: its partition, then newer versions of some, then (a rebalance) some of the other's."""
    mine = [a for a in articles if partition_of(a) == replica]
    theirs = [a for a in articles if partition_of(a) != replica]
    stream = mine + [reprocessed(a) for a in mine[::4]] + theirs[::5]
    return [stream[start:start + batch] for start in range(0, len(stream), batch)]


def stored_rows(engine) -> dict[str, dict]:
    """The articles and statements by id, and each quote's statement."""
    with Session(engine) as session:
        return {
            "articles": {a.id: (a.parse_version, a.title, a.outlet) for a in session.exec(select(ArticleRow)).all()},
            "statements": {s.id: (s.text, s.kind, s.actor_id, s.speaker, s.first_reported_at, s.report_count,
                                  s.outlet_count) for s in session.exec(select(StatementRow)).all()},
            "quotes": {(q.article_id, q.id): (q.statement_id, q.text_key) for q in session.exec(select(QuoteRow)).all()},
        }


class Turns:
    """The batches in the order they took the statements' turn, recorded under the turn itself."""

    def __init__(self) -> None:
        self.taken: list[list[EnrichedArticle]] = []
        self.saving = threading.local()  # the batch this thread is saving

    def save(self, save, engine, batch: list[EnrichedArticle]) -> None:
        self.saving.batch = batch
        try:
            save(engine, *batch)
        finally:
            self.saving.batch = None

    def record(self) -> None:
        if batch := getattr(self.saving, "batch", None):
            self.taken.append(batch)


@pytest.fixture
def turns(monkeypatch) -> Turns:
    recorded, take_turn = Turns(), saving.lock_statements

    def recording(session) -> None:
        take_turn(session)
        recorded.record()

    monkeypatch.setattr(saving, "lock_statements", recording)
    return recorded


def race(save, turns: Turns, engines, plans) -> list[Exception]:
    """Each replica runs its plan on its own engine; before every round both wait for the other."""
    errors: list[Exception] = []
    longest = max(len(plan) for plan in plans)
    start_together = threading.Barrier(len(plans))

    def replica(engine, plan):
        try:
            for number in range(longest):
                start_together.wait(timeout=60)
                if number < len(plan):
                    turns.save(save, engine, plan[number])
        except Exception as exc:  # noqa: BLE001 - asserted by the caller
            errors.append(exc)
            start_together.abort()

    threads = [threading.Thread(target=replica, args=pair) for pair in zip(engines, plans)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    return errors


@pytest.mark.parametrize("seed", [1, 2])
def test_two_store_replicas_racing_converge_to_the_rows_of_one(store_engine, another_store, compose, said, named,
                                                                save_to, turns, seed):
    articles = newsroom(compose, said, named, seed)
    plans = [rounds(articles, replica) for replica in (0, 1)]
    assert all(len(plan) > 5 for plan in plans)

    other_replica = make_engine(store_engine.url.render_as_string(hide_password=False))  # its own connections
    try:
        errors = race(save_to, turns, [store_engine, other_replica], plans)
    finally:
        other_replica.dispose()

    assert errors == []
    assert sorted(map(id, turns.taken)) == sorted(id(batch) for plan in plans for batch in plan)  # each once
    one_store = another_store()
    for batch in turns.taken:
        save_to(one_store, *batch)
    assert stored_rows(store_engine) == stored_rows(one_store)
    expected = snapshot(one_store)
    assert snapshot(store_engine) == expected
    # The newsroom did make shared rows to race on: statements reported by several outlets, counted people.
    assert any(len(reports) >= 3 for reports in expected["statements"])
    assert expected["entities"]["person-sousa"][2] > 10 and expected["links"]



@pytest.mark.integration
def test_counts_parked_by_a_writer_that_stopped_before_adding_them_are_added_by_the_next_batch(
        postgres_server, newsroom, save_to, monkeypatch):
    """A store that stops between its commit and adding its parked counts has its batch redelivered."""
    store, one_store = (make_engine(postgres_server.create_database()) for _ in range(2))
    for engine in (store, one_store):
        migrate(engine)
    ap1, pn1, sbs1, ap2, hh1 = newsroom

    def stops(session):
        raise ConnectionError("the store stopped here")

    monkeypatch.setattr(saving, "apply_parked", stops)
    with pytest.raises(ConnectionError):
        save_to(store, ap1, pn1)
    with Session(store) as session:
        assert session.exec(select(func.count()).select_from(PendingEntityCount)).one() > 0
        assert snapshot(store)["entities"] == {}  # stored, but not counted yet
    monkeypatch.undo()

    save_to(store, ap1, pn1)  # the redelivery: the articles are unchanged, the parked counts are added
    save_to(store, sbs1, ap2, hh1)

    save_to(one_store, ap1, pn1, sbs1, ap2, hh1)
    assert snapshot(store) == snapshot(one_store)
    with Session(store) as session:
        assert session.exec(select(func.count()).select_from(PendingEntityCount)).one() == 0
    for engine in (store, one_store):
        engine.dispose()
