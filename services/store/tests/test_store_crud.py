"""Saving is idempotent, the newest pipeline wins, and cross-article counts stay right (SQLite and PostgreSQL)."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from newsflow_shared.events import EnrichedArticle, PipelineVersions, QuotePart
from newsflow_store.api.views import article_detail
from newsflow_store.crud import ArticleFilters, SaveOutcome, articles_older_than, get_article, list_articles
from newsflow_store.models import ArticleEntityRow, ArticleRow, QuoteRow
from tests.infra.store_snapshot import snapshot, snapshot_of_nothing


def row_counts(engine) -> dict[str, int]:
    with Session(engine) as session:
        return {
            table.__tablename__: session.exec(select(func.count()).select_from(table)).one()
            for table in (ArticleRow, QuoteRow, ArticleEntityRow)
        }


def read(engine, article_id) -> EnrichedArticle | None:
    """The article as the API gives it, read back as the event (the API's extra fields dropped)."""
    with Session(engine) as session:
        stored = get_article(session, article_id=article_id)
        return None if stored is None else EnrichedArticle.model_validate(article_detail(stored).model_dump())


def stored_at(engine, article_id) -> datetime:
    with Session(engine) as session:
        return session.get(ArticleRow, article_id).stored_at


def test_an_article_reads_back_exactly_as_it_was_saved(store_engine, make_article, save_to):
    article = make_article("art-1", revision=2)
    before = datetime.now(timezone.utc)

    assert save_to(store_engine, article) == [SaveOutcome.INSERTED]

    assert read(store_engine, "art-1") == article
    moment = stored_at(store_engine, "art-1")
    moment = moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
    assert before - timedelta(seconds=1) <= moment <= datetime.now(timezone.utc) + timedelta(seconds=1)
    assert read(store_engine, "art-unknown") is None


def test_a_redelivered_article_changes_nothing(store_engine, make_article, save_to):
    article = make_article("art-1")
    save_to(store_engine, article)
    first, first_stored_at = snapshot(store_engine), stored_at(store_engine, "art-1")

    assert save_to(store_engine, article) == [SaveOutcome.UNCHANGED]
    # A duplicate inside one batch, too (a redelivered batch overlapping the next one).
    assert save_to(store_engine, article, article) == [SaveOutcome.UNCHANGED, SaveOutcome.UNCHANGED]

    assert row_counts(store_engine) == {"articles": 1, "quotes": 2, "article_entities": 2}
    assert snapshot(store_engine) == first
    assert stored_at(store_engine, "art-1") == first_stored_at  # not even rewritten


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (("0.1.0", "0.1.0"), ("0.2.0", "0.1.0")),  # a better parser
        (("0.1.0", "0.1.0"), ("0.1.0", "0.2.0")),  # a better enricher
        (("0.9.0", "0.1.0"), ("0.10.0", "0.1.0")),  # numeric, not alphabetical
        (("0.1.0", None), ("0.1.0", "0.1.0")),  # enriched beats never enriched
    ],
)
def test_a_newer_pipeline_version_replaces_the_article(store_engine, make_article, save_to, old, new):
    save_to(store_engine, make_article("art-1", parse=old[0], enrich=old[1], revision=1))
    newer = make_article("art-1", parse=new[0], enrich=new[1], revision=2)

    assert save_to(store_engine, newer) == [SaveOutcome.REPLACED]

    assert read(store_engine, "art-1") == newer
    assert row_counts(store_engine) == {"articles": 1, "quotes": 3, "article_entities": 3}  # replaced, not appended


def test_an_older_version_arriving_late_is_ignored(store_engine, make_article, save_to):
    newer = make_article("art-1", parse="0.2.0", revision=2)
    save_to(store_engine, newer)
    before = snapshot(store_engine)

    assert save_to(store_engine, make_article("art-1", parse="0.1.0", enrich="0.9.0")) == [SaveOutcome.STALE]

    assert read(store_engine, "art-1") == newer
    assert snapshot(store_engine) == before


@pytest.mark.parametrize("newer_first", [False, True])
def test_two_versions_in_one_batch_leave_the_newer(store_engine, make_article, save_to, newer_first):
    old, new = make_article("art-1", revision=1), make_article("art-1", parse="0.2.0", revision=2)

    save_to(store_engine, *([new, old] if newer_first else [old, new]))

    assert read(store_engine, "art-1") == new
    assert row_counts(store_engine) == {"articles": 1, "quotes": 3, "article_entities": 3}


@pytest.mark.filterwarnings("ignore:New instance:sqlalchemy.exc.SAWarning")  # the duplicate, as SQLAlchemy sees it
def test_a_batch_with_a_bad_article_saves_none_of_it(store_engine, make_article, save_to):
    bad = make_article("art-bad")
    bad.quotes[1].id = bad.quotes[0].id  # two quotes with one id: the database refuses it

    with pytest.raises(IntegrityError):
        save_to(store_engine, make_article("art-1"), bad, make_article("art-2"))

    assert row_counts(store_engine) == {"articles": 0, "quotes": 0, "article_entities": 0}
    assert snapshot(store_engine) == snapshot_of_nothing()
    save_to(store_engine, make_article("art-1"), make_article("art-2"))
    assert row_counts(store_engine)["articles"] == 2


def test_quote_ids_need_only_be_unique_within_an_article(store_engine, make_article, save_to):
    save_to(store_engine, make_article("art-1"), make_article("art-2"))  # both have quotes q1 and q2

    assert [q.id for q in read(store_engine, "art-2").quotes] == ["q1", "q2"]
    assert row_counts(store_engine)["quotes"] == 4


# --- counts across articles


def sousa_dropped(article: EnrichedArticle) -> EnrichedArticle:
    """What a newer pipeline might make of ap-1: Sousa's quote and entity gone, the ferry company kept."""
    newer = article.model_copy(deep=True)
    newer.pipeline = PipelineVersions(parse="0.2.0", enrich="0.1.0")
    newer.quotes = [q for q in newer.quotes if q.actor_id != "person-ana-sousa"]
    newer.entities = [e for e in newer.entities if e.id != "person-ana-sousa"]
    return newer


def test_counts_after_replacements_equal_those_of_saving_the_current_versions(store_engine, newsroom, save_to,
                                                                            another_store):
    ap1, pn1, sbs1, ap2, hh1 = newsroom
    history = [[ap1, pn1], [ap2], [sousa_dropped(ap1), sbs1], [ap1], [hh1, ap2], [pn1]]  # ap1 comes back stale
    for batch in history:
        save_to(store_engine, *batch)

    current = [sousa_dropped(ap1), pn1, sbs1, ap2, hh1]
    oracle = another_store()
    save_to(oracle, *current)
    assert snapshot(store_engine) == snapshot(oracle)

    counts = snapshot(store_engine)
    assert counts["entities"]["person-ana-sousa"][2:4] == (2, 2)  # pn-1 and ap-2; ap-1 no longer names her
    assert ("person-ana-sousa", "alias", "Harbour Minister Ana Sousa") not in counts["names"]  # only ap-1 used it
    assert counts["names"][("person-ana-sousa", "alias", "Sousa")] == 1


def test_an_entity_no_current_article_names_is_gone_from_the_counts(store_engine, newsroom, save_to):
    ap1 = newsroom[0]
    save_to(store_engine, ap1)
    save_to(store_engine, sousa_dropped(ap1))

    counts = snapshot(store_engine)
    assert "person-ana-sousa" not in counts["entities"]
    assert not [key for key in counts["names"] if key[0] == "person-ana-sousa"]
    assert not counts["links"]


def test_search_follows_replacements(store_engine, make_article, save_to):
    save_to(store_engine, make_article("art-1"))
    newer = make_article("art-1", parse="0.2.0")
    newer.body = newer.body.replace("commuters", "cyclists")
    save_to(store_engine, newer)

    def found(word: str) -> list[str]:
        with Session(store_engine) as session:
            return [row.id for row in list_articles(session, filters=ArticleFilters(search=word))]

    assert found("cyclists") == ["art-1"] and found("commuters") == []


def test_how_many_articles_a_replay_would_still_replace(store_engine, make_article, save_to):
    save_to(store_engine, make_article("a"), make_article("b"), make_article("c", parse="0.2.0"))

    with Session(store_engine) as session:
        assert articles_older_than(session, pipeline=PipelineVersions(parse="0.2.0", enrich="0.1.0")) == 2
        assert articles_older_than(session, pipeline=PipelineVersions(parse="0.1.0", enrich="0.1.0")) == 0


def test_store_replicas_writing_at_once_leave_the_same_counts(store_engine, newsroom, save_to, another_store):
    """Two writers (replicas, or a redelivery racing the original) save overlapping batches concurrently."""
    ap1, pn1, sbs1, ap2, hh1 = newsroom
    plans = [[[ap1, pn1], [sbs1, ap2], [sousa_dropped(ap1)], [hh1]],
             [[hh1, sbs1], [ap1], [pn1, ap2], [sousa_dropped(ap1), pn1]]]
    errors = []

    def replica(plan):
        try:
            for batch in plan:
                save_to(store_engine, *batch)
        except Exception as exc:  # noqa: BLE001 - asserted below
            errors.append(exc)

    threads = [threading.Thread(target=replica, args=(plan,)) for plan in plans]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    oracle = another_store()
    save_to(oracle, sousa_dropped(ap1), pn1, sbs1, ap2, hh1)
    assert snapshot(store_engine) == snapshot(oracle)


def test_an_interrupted_quote_keeps_its_parts_and_a_quote_stored_without_parts_reads_as_one(
        store_engine, make_article, save_to):
    article = make_article("art-1")
    first, second = article.quotes[0], article.quotes[1]
    middle = first.start + (first.end - first.start) // 2
    first.parts = [QuotePart(start=first.start, end=middle - 1), QuotePart(start=middle, end=first.end)]
    first.text = f"{article.body[first.start:middle - 1]} {article.body[middle:first.end]}"
    second.parts = []  # as events of schema 1.0.0 carry it
    save_to(store_engine, article)

    stored = read(store_engine, "art-1")
    assert stored.quotes[0] == first
    assert stored.quotes[1].parts == [QuotePart(start=second.start, end=second.end)]
    assert stored.quotes[1].model_copy(update={"parts": []}) == second
