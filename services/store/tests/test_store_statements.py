"""One statement, however many outlets reported it: grouping across articles (SQLite and PostgreSQL)."""

from __future__ import annotations

import itertools
import random

import pytest
from sqlmodel import Session, select

from newsflow_store import statements as statements_module
from newsflow_store.models import QuoteRow, StatementRow


def groups(engine) -> dict[frozenset, StatementRow]:
    """Statements by the set of (article, quote) reporting them."""
    with Session(engine) as session:
        members: dict[str, set] = {}
        for quote in session.exec(select(QuoteRow)).all():
            members.setdefault(quote.statement_id, set()).add((quote.article_id, quote.id))
        rows = {s.id: s for s in session.exec(select(StatementRow)).all()}
    assert set(rows) == set(members), "every statement has reports, every report a statement"
    return {frozenset(m): rows[statement_id] for statement_id, m in members.items()}


PROMISE_REPORTS = frozenset({("ap-1", "q1"), ("pn-1", "q1"), ("sbs-1", "q1")})


@pytest.mark.parametrize("order", list(itertools.permutations(range(3))))
def test_three_outlets_wording_it_differently_report_one_statement(store_engine, newsroom, save_to, order):
    promise_articles = newsroom[:3]  # AP's full quote, PinkNews without "the", SBS's partial one
    for i in order:
        save_to(store_engine, promise_articles[i])

    found = groups(store_engine)
    assert PROMISE_REPORTS in found
    statement = found[PROMISE_REPORTS]
    assert statement.report_count == 3 and statement.outlet_count == 3
    assert statement.actor_id == "person-ana-sousa"  # SBS left it unresolved; the others agree
    assert statement.text == newsroom[0].quotes[0].text  # the fullest version stands for it
    assert statement.kind == "direct"


def test_one_batch_groups_like_separate_ones(store_engine, newsroom, save_to):
    save_to(store_engine, *newsroom)

    found = groups(store_engine)
    assert PROMISE_REPORTS in found
    # "No comment" from Sousa and from an unnamed captain: the same words, not the same statement.
    assert frozenset({("ap-2", "q2")}) in found and frozenset({("hh-1", "q1")}) in found
    assert len(found) == 5


def test_the_same_words_from_another_actor_are_another_statement(store_engine, compose, said, save_to):
    words = "We will not close a single school this year, whatever the budget says"
    save_to(store_engine,
            compose("a", f'"{words}," said Lind.', said=[said(f'"{words},"', "Lind", "person-lind")]),
            compose("b", f'"{words}," said Berg.', said=[said(f'"{words},"', "Berg", "person-berg")]),
            compose("c", f'"{words}," Lind said.', said=[said(f'"{words},"', "Lind", "person-lind")]))

    assert set(groups(store_engine)) == {frozenset({("a", "q1"), ("c", "q1")}), frozenset({("b", "q1")})}


def test_a_statement_loses_a_replaced_report_and_goes_with_its_last(store_engine, newsroom, compose, said, save_to):
    ap1, pn1 = newsroom[0], newsroom[1]
    save_to(store_engine, ap1, pn1)
    withdrawn = ap1.model_copy(deep=True, update={"quotes": ap1.quotes[1:]})
    withdrawn.pipeline.parse = "0.2.0"
    save_to(store_engine, withdrawn)

    found = groups(store_engine)
    assert frozenset({("pn-1", "q1")}) in found
    assert found[frozenset({("pn-1", "q1")})].text == pn1.quotes[0].text  # rebuilt from what is left

    pn_gone = pn1.model_copy(deep=True, update={"quotes": []})
    pn_gone.pipeline.parse = "0.2.0"
    save_to(store_engine, pn_gone)
    assert all(("pn-1", "q1") not in reports for reports in groups(store_engine))


def test_candidates_come_from_the_index_not_from_every_statement(store_engine, compose, said, save_to, monkeypatch):
    """With hundreds of unrelated statements stored, a new quote is compared with a handful at most."""
    rng = random.Random(7)
    vocabulary = [f"{rng.choice('bcdfgklmnprst')}{rng.choice('aeiou')}{rng.choice('lmnrst')}{i}" for i in range(3000)]
    filler = []
    for n in range(300):
        words = " ".join(rng.sample(vocabulary, 9))
        quote = f'"We said {words},"'
        filler.append(compose(f"filler-{n}", f"{quote} said Ode.", said=[said(quote, "Ode")]))
    save_to(store_engine, *filler)

    compared = []
    real_similarity = statements_module.similarity
    monkeypatch.setattr(statements_module, "similarity", lambda a, b: compared.append(b) or real_similarity(a, b))
    target = filler[123].quotes[0].text.strip('"') + " indeed"
    save_to(store_engine, compose("new", f'"{target}" said Ode.', said=[said(f'"{target}"', "Ode")]))

    assert 1 <= len(compared) <= 5
    assert frozenset({("filler-123", "q1"), ("new", "q1")}) in groups(store_engine)
