"""Saving is idempotent and the newest pipeline wins: on SQLite, and on PostgreSQL when marked integration."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from newsflow_store.crud import SaveOutcome, get_article, save_articles
from newsflow_store.models import ArticleEntityRow, ArticleRow, QuoteRow


def row_counts(engine) -> dict[str, int]:
    with Session(engine) as session:
        return {
            table.__tablename__: session.exec(select(func.count()).select_from(table)).one()
            for table in (ArticleRow, QuoteRow, ArticleEntityRow)
        }


def save(engine, *articles):
    with Session(engine) as session:
        return save_articles(session, articles=list(articles))


def read(engine, article_id):
    with Session(engine) as session:
        return get_article(session, article_id=article_id)


def test_an_article_reads_back_exactly_as_it_was_saved(store_engine, make_article):
    article = make_article("art-1", revision=2)
    before = datetime.now(timezone.utc)

    assert save(store_engine, article) == [SaveOutcome.INSERTED]

    stored = read(store_engine, "art-1")
    assert stored.model_dump(exclude={"stored_at"}) == article.model_dump()
    assert before - timedelta(seconds=1) <= stored.stored_at <= datetime.now(timezone.utc) + timedelta(seconds=1)
    assert read(store_engine, "art-unknown") is None


def test_a_redelivered_article_changes_nothing(store_engine, make_article):
    article = make_article("art-1")
    save(store_engine, article)
    first = read(store_engine, "art-1")
    counts = row_counts(store_engine)

    assert save(store_engine, article) == [SaveOutcome.UNCHANGED]
    # A duplicate inside one batch, too (a redelivered batch overlapping the next one).
    assert save(store_engine, article, article) == [SaveOutcome.UNCHANGED, SaveOutcome.UNCHANGED]

    assert row_counts(store_engine) == counts == {"articles": 1, "quotes": 2, "article_entities": 2}
    assert read(store_engine, "art-1") == first  # stored_at included: not even rewritten


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (("0.1.0", "0.1.0"), ("0.2.0", "0.1.0")),  # a better parser
        (("0.1.0", "0.1.0"), ("0.1.0", "0.2.0")),  # a better enricher
        (("0.9.0", "0.1.0"), ("0.10.0", "0.1.0")),  # numeric, not alphabetical
        (("0.1.0", None), ("0.1.0", "0.1.0")),  # enriched beats never enriched
    ],
)
def test_a_newer_pipeline_version_replaces_the_article(store_engine, make_article, old, new):
    save(store_engine, make_article("art-1", parse=old[0], enrich=old[1], revision=1))
    newer = make_article("art-1", parse=new[0], enrich=new[1], revision=2)

    assert save(store_engine, newer) == [SaveOutcome.REPLACED]

    stored = read(store_engine, "art-1")
    assert stored.model_dump(exclude={"stored_at"}) == newer.model_dump()
    assert [q.id for q in stored.quotes] == ["q1", "q2", "q3"]  # replaced, not appended
    assert row_counts(store_engine) == {"articles": 1, "quotes": 3, "article_entities": 3}


def test_an_older_version_arriving_late_is_ignored(store_engine, make_article):
    newer = make_article("art-1", parse="0.2.0", revision=2)
    save(store_engine, newer)
    stored_first = read(store_engine, "art-1")

    assert save(store_engine, make_article("art-1", parse="0.1.0", enrich="0.9.0", revision=1)) == [SaveOutcome.STALE]

    assert read(store_engine, "art-1") == stored_first
    assert row_counts(store_engine) == {"articles": 1, "quotes": 3, "article_entities": 3}


@pytest.mark.parametrize("newer_first", [False, True])
def test_two_versions_in_one_batch_leave_the_newer(store_engine, make_article, newer_first):
    old, new = make_article("art-1", revision=1), make_article("art-1", parse="0.2.0", revision=2)
    batch = [new, old] if newer_first else [old, new]

    save(store_engine, *batch)

    assert read(store_engine, "art-1").model_dump(exclude={"stored_at"}) == new.model_dump()
    assert row_counts(store_engine) == {"articles": 1, "quotes": 3, "article_entities": 3}


def test_a_batch_with_a_bad_article_saves_none_of_it(store_engine, make_article):
    bad = make_article("art-bad")
    bad.quotes[1].id = bad.quotes[0].id  # two quotes with one id: the database refuses it

    with pytest.raises(IntegrityError):
        save(store_engine, make_article("art-1"), bad, make_article("art-2"))

    assert row_counts(store_engine) == {"articles": 0, "quotes": 0, "article_entities": 0}
    # The session is usable again and the good articles save on their own.
    save(store_engine, make_article("art-1"), make_article("art-2"))
    assert row_counts(store_engine)["articles"] == 2


def test_quote_ids_need_only_be_unique_within_an_article(store_engine, make_article):
    save(store_engine, make_article("art-1"), make_article("art-2"))  # both have quotes q1 and q2

    assert [q.id for q in read(store_engine, "art-2").quotes] == ["q1", "q2"]
    assert row_counts(store_engine)["quotes"] == 4
