"""One statement, however many outlets reported it: grouping across articles (SQLite and PostgreSQL)."""

from __future__ import annotations

import itertools
import random

import pytest
from sqlmodel import Session, select

from newsflow_store import statements as statements_module
from newsflow_store import stored_statements as stored_statements_module
from newsflow_store.models import QuoteRow, StatementAnchorRow, StatementRow, StatementTermRow
from newsflow_store.text_match import QuoteText, anchor_term


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


def test_a_term_filed_under_more_statements_than_are_read_still_counts_as_a_hit(store_engine, compose, said,
                                                                              save_to, monkeypatch):
    """A statement that shares just enough probe terms, one of them a term too common to read in full, is found."""
    monkeypatch.setattr(stored_statements_module, "MAX_POSTINGS", 1)
    fillers = [f"the harbour plan{n} fund{n} brick{n} wall{n} ferry{n} is ours" for n in range(5)]
    # 14 words: a match may lack 2; of the 5 terms probed it must have 3, here tolvenmark, quorraby and harbour.
    # Its longest term is its own, so no anchor leads to it: only the term index can.
    stored = "we will do it for our harbour tolvenmark quorraby as you can unmistakably"
    new = "we will do it for our harbour pellwick sardanol tolvenmark quorraby as you can"
    save_to(store_engine, *[compose(f"filler-{n}", f'"{q}," said Ode.', said=[said(f'"{q},"', "Ode")])
                            for n, q in enumerate(fillers)],
            compose("stored", f'"{stored}," said Ode.', said=[said(f'"{stored},"', "Ode")]))
    with Session(store_engine) as session:
        harbour = sorted(row.statement_id for row in session.exec(
            select(StatementTermRow).where(StatementTermRow.term == "harbour")).all())
        stored_id = session.exec(select(QuoteRow).where(QuoteRow.article_id == "stored")).one().statement_id
    assert harbour[0] != stored_id  # the one posting read for "harbour" is another statement's

    save_to(store_engine, compose("new", f'"{new}," said Ode.', said=[said(f'"{new},"', "Ode")]))

    assert frozenset({("stored", "q1"), ("new", "q1")}) in groups(store_engine)


# --- a batch at once: its quotes grouped with each other as with stored ones


def index_of(engine) -> dict[str, tuple[frozenset, frozenset]]:
    """Each statement's (terms, anchors) as filed in statement_terms and statement_anchors."""
    with Session(engine) as session:
        terms: dict[str, set] = {}
        anchors: dict[str, set] = {}
        for row in session.exec(select(StatementTermRow)).all():
            terms.setdefault(row.statement_id, set()).add(row.term)
        for row in session.exec(select(StatementAnchorRow)).all():
            anchors.setdefault(row.statement_id, set()).add(row.term)
    return {s: (frozenset(terms.get(s, ())), frozenset(anchors.get(s, ()))) for s in terms.keys() | anchors.keys()}


def index_made_from_reports(engine) -> dict[str, tuple[frozenset, frozenset]]:
    """What the index must hold: every term of every current report, and each report's anchor."""
    with Session(engine) as session:
        made: dict[str, tuple[set, set]] = {}
        for quote in session.exec(select(QuoteRow)).all():
            text = QuoteText.of(quote.text)
            terms, anchors = made.setdefault(quote.statement_id, (set(), set()))
            terms |= text.terms
            if anchor_term(text):
                anchors.add(anchor_term(text))
    return {s: (frozenset(t), frozenset(a)) for s, (t, a) in made.items() if t or a}


def everything_grouped(engine) -> tuple:
    """Statements with their ids, rows and index: what two ways of saving must leave alike."""
    with Session(engine) as session:
        statements = {s.id: (s.text, s.kind, s.actor_id, s.speaker, s.report_count, s.outlet_count)
                      for s in session.exec(select(StatementRow)).all()}
        links = {(q.article_id, q.id): q.statement_id for q in session.exec(select(QuoteRow)).all()}
    return statements, links, index_of(engine)


def test_two_articles_of_one_batch_reporting_one_statement_make_one(store_engine, compose, said, save_to):
    words = "The night ferry will run again from the first of June, with two new boats"
    first = compose("a", f'"{words}," said Sousa.', said=[said(f'"{words},"', "Sousa", "person-sousa")],
                    site_name="Harbour Times")
    fragment = "will run again from the first of June, with two new boats"
    second = compose("b", f"Sousa said the ferry {fragment}.", said=[said(fragment, "Sousa", None, kind="indirect")],
                     site_name="Island Post")

    save_to(store_engine, first, second)

    found = groups(store_engine)
    assert set(found) == {frozenset({("a", "q1"), ("b", "q1")})}
    statement = found[frozenset({("a", "q1"), ("b", "q1")})]
    assert (statement.report_count, statement.outlet_count, statement.actor_id) == (2, 2, "person-sousa")

    later = compose("c", f'"{words}"', said=[said(f'"{words}"', None, None)], site_name="Coast FM")
    save_to(store_engine, later)  # and a later batch finds what that one wrote
    assert set(groups(store_engine)) == {frozenset({("a", "q1"), ("b", "q1"), ("c", "q1")})}


STATEMENTS = [
    "We will reopen the northern rail line before the end of the year",
    "The budget leaves no room for new hospitals anywhere in the valley",
    "Our divers found the wreck three miles off the old lighthouse",
    "Nobody told the fishermen that the harbour would close for a month",
    "No comment",
    "We are looking at every option",
]
SPEAKERS = [("Ana Sousa", "person-sousa"), ("Sousa", "person-sousa"), ("Sousa", None), ("a spokesman", None),
            ("Rui Matos", "person-matos"), ("Matos", None), (None, None)]


def variant(rng: random.Random, words: str) -> str:
    """One outlet's version: whole, a fragment, a word dropped, or other marks and case."""
    tokens = words.split()
    choice = rng.randrange(4)
    if choice == 1 and len(tokens) > 8:
        start = rng.randrange(1, 3)
        return " ".join(tokens[start:start + 7])
    if choice == 2 and len(tokens) > 6:
        drop = rng.randrange(len(tokens))
        return " ".join(tokens[:drop] + tokens[drop + 1:])
    if choice == 3:
        return words.upper() + "!"
    return words


def newsroom_of_variants(compose, said, seed: int, articles: int = 40) -> list:
    rng = random.Random(seed)
    made = []
    for n in range(articles):
        quotes, body = [], []
        for words in rng.sample(STATEMENTS, rng.randrange(1, 4)):
            text = f'"{variant(rng, words)},"'
            speaker, actor = rng.choice(SPEAKERS)
            body.append(f"{text} said {speaker}." if speaker else f"{text} a voice called.")
            quotes.append(said(text, speaker, actor))
        made.append(compose(f"v-{n}", " ".join(body), said=quotes, site_name=f"Outlet {n % 7}",
                            published_at=f"2024-05-{1 + n % 28:02d}T08:00:00Z"))
    return made


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_batch_groups_as_if_its_articles_were_saved_one_after_the_other(store_engine, another_store, compose,
                                                                          said, save_to, seed):
    articles = newsroom_of_variants(compose, said, seed)
    one_by_one, in_fours = another_store(), another_store()

    save_to(store_engine, *articles)
    for article in articles:
        save_to(one_by_one, article)
    for start in range(0, len(articles), 4):
        save_to(in_fours, *articles[start:start + 4])

    expected = everything_grouped(one_by_one)
    assert everything_grouped(store_engine) == expected
    assert everything_grouped(in_fours) == expected
    statements, links, _ = expected
    assert len(statements) < len(links) / 2  # the variants did group: many reports per statement
    assert index_of(store_engine) == index_made_from_reports(store_engine)


def test_many_quotes_in_one_batch(store_engine, compose, said, save_to):
    promise = "We will keep every rural post office open for another ten years"
    articles = []
    for n in range(120):
        own = f"Branch number {n} in the hills will get a new counter and longer opening hours"
        body = f'"{promise}," said Sousa. "{own}," she added.'
        articles.append(compose(f"p-{n}", body, site_name=f"Outlet {n % 9}",
                                said=[said(f'"{promise},"', "Sousa", "person-sousa"),
                                      said(f'"{own},"', "Sousa", "person-sousa", cue="added")]))

    save_to(store_engine, *articles)

    found = groups(store_engine)
    promised = frozenset((f"p-{n}", "q1") for n in range(120))
    assert promised in found
    assert (found[promised].report_count, found[promised].outlet_count) == (120, 9)
    # The own quotes differ by a number only: near-identical, so they are one statement too.
    assert frozenset((f"p-{n}", "q2") for n in range(120)) in found and len(found) == 2


def test_the_index_follows_replacements_and_stays_exact(store_engine, compose, said, save_to):
    words = "The new ferry terminal will open in June with four berths and a cafe"
    fuller = "The new ferry terminal will open in June with four modern berths and a cafe"
    a = compose("a", f'"{words}," said Sousa.', said=[said(f'"{words},"', "Sousa")])
    b = compose("b", f'"{fuller}," said Sousa.', said=[said(f'"{fuller},"', "Sousa")])
    c = compose("c", f'"{words}!" Sousa said.', said=[said(f'"{words}!"', "Sousa")])
    save_to(store_engine, a)
    save_to(store_engine, b, c)  # a statement that only gains reports keeps its index and files theirs
    assert set(groups(store_engine)) == {frozenset({("a", "q1"), ("b", "q1"), ("c", "q1")})}
    assert "modern" in {term for terms, _ in index_of(store_engine).values() for term in terms}

    withdrawn = b.model_copy(deep=True, update={"quotes": []})
    withdrawn.pipeline.parse = "0.2.0"
    save_to(store_engine, withdrawn)  # one that loses a report has its index made again from the others

    assert set(groups(store_engine)) == {frozenset({("a", "q1"), ("c", "q1")})}
    assert index_of(store_engine) == index_made_from_reports(store_engine)
    assert "modern" not in {term for terms, _ in index_of(store_engine).values() for term in terms}


def test_a_version_replaced_within_its_batch_leaves_no_statement(store_engine, compose, said, save_to):
    first_words = "The tunnel will be finished in March, three months early"
    second_words = "The tunnel will be finished in June, as planned"
    first = compose("t-1", f'"{first_words}," said Matos.', said=[said(f'"{first_words},"', "Matos")])
    corrected = compose("t-1", f'"{second_words}," said Matos.', said=[said(f'"{second_words},"', "Matos")],
                        parse="0.2.0")
    other = compose("t-2", f'"{second_words}," Matos said.', said=[said(f'"{second_words},"', "Matos")])

    save_to(store_engine, first, corrected, other)

    found = groups(store_engine)
    assert set(found) == {frozenset({("t-1", "q1"), ("t-2", "q1")})}
    assert index_of(store_engine) == index_made_from_reports(store_engine)
    assert "march" not in {term for terms, _ in index_of(store_engine).values() for term in terms}
