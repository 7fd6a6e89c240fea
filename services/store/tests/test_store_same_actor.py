"""One actor across articles: a surname or an acronym linked to the one full name it stands for, and said so.

Invented stories: "Lavrov" alone in one article and "Sergei Lavrov" in another
are one actor; "Clinton" alone stays apart when two Clintons are named in full;
"NATO" is the North Atlantic Treaty Organization. Decided on SQLite and PostgreSQL.
"""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import text

from newsflow_store.db import alembic_config, migrate
from newsflow_store.same_actor import Known, full_name_for, link_key

LAVROV, LAVROV_SHORT = "person-sergei-lavrov", "person-lavrov"
HILLARY, BILL, CLINTON_SHORT = "person-hillary-clinton", "person-bill-clinton", "person-clinton"
OKAFOR, OKAFOR_SHORT = "person-jane-okafor", "person-okafor"
NATO, NATO_SHORT = "org-nato-full", "org-nato"
KREMLIN, SENATE = "org-kremlin", "org-senate"
MATOS = "person-rui-matos"


# --- the decision, on its own

def known(id_: str, name: str, type_: str = "person", titles=(), co=()) -> Known:
    return Known(id=id_, name=name, type=type_, titles=frozenset(titles), co_mentioned=frozenset(co))


@pytest.mark.parametrize(("name", "type_", "key", "short"), [
    ("Sergei Lavrov", "person", "person:lavrov", False),
    ("Lavrov", "person", "person:lavrov", True),
    ("Mr Lavrov", "person", "person:lavrov", True),  # a courtesy title is not a name
    ("North Atlantic Treaty Organization", "organization", "organization:nato", False),
    ("the North Atlantic Treaty Organization", "organization", "organization:nato", False),
    ("NATO", "organization", "organization:nato", True),
    ("U.N.", "organization", "organization:un", True),
    ("Nato", "organization", "organization:nato", True),  # an acronym written as a word (one entity id with NATO)
    ("Élisabeth Borne", "person", "person:borne", False),  # capitals of any script
    ("Bashar al-Assad", "person", "person:asad", False),  # a particle
    ("Ursula von der Leyen", "person", "person:leien", False),
    ("IEEE", "organization", "organization:ie", True),  # folded as its entity id is: "IEEE" and "IE" are one
    ("Kelby Foods Inc.", "organization", "organization:kf", False),  # the legal form is not an initial
])
def test_the_key_is_a_surname_or_initials(name, type_, key, short):
    found = link_key(name, type_)
    assert found is not None and (found.key, found.short) == (key, short)


@pytest.mark.parametrize(("name", "type_"), [
    ("Paris", "place"), ("", "person"),
    # What the small NER model also calls a person or an organization, and no name's short form.
    ("Blu-ray", "person"), ("Mike Nichols' Closer", "person"), ("ya", "person"), ("IRB Rugby Aid", "organization"),
])
def test_names_that_stand_for_nothing_else_have_no_key(name, type_):
    assert link_key(name, type_) is None


def test_one_fitting_full_name_with_something_in_common_is_linked_and_why():
    short = known("s", "Lavrov", titles={"foreign minister"}, co={KREMLIN})
    full = known("f", "Sergei Lavrov", titles={"Russia's Foreign Minister"}, co={KREMLIN, "org-x"})
    link = full_name_for(short, [full])
    assert link is not None and (link.short_id, link.full_id) == ("s", "f")
    assert link.because == ("Lavrov is the surname of Sergei Lavrov", "both called \"Russia's Foreign Minister\"",
                            "1 organization named with both")


def test_a_short_name_stays_apart_when_nothing_else_connects_it():
    assert full_name_for(known("s", "Okafor"), [known("f", "Jane Okafor", co={SENATE})]) is None


def test_a_surname_must_be_spelled_as_the_full_name_ends():
    # Their keys fold alike (doubled letters, hyphenated parts), their spellings do not.
    assert full_name_for(known("s", "Fox", co={SENATE}), [known("f", "Jamie Foxx", co={SENATE})]) is None
    assert full_name_for(known("s", "Potts", co={SENATE}), [known("f", "Rodney Hylton-Potts", co={SENATE})]) is None
    assert full_name_for(known("s", "RSS", "organization", co={MATOS}),
                         [known("f", "Radio Shack", "organization", co={MATOS})]) is None


def test_contradicting_titles_keep_them_apart():
    short = known("s", "Reyes", titles={"senator"}, co={SENATE})
    assert full_name_for(short, [known("f", "Tomas Reyes", titles={"city engineer"}, co={SENATE})]) is None


def test_two_fitting_full_names_keep_a_surname_apart_unless_only_one_keeps_its_company():
    short = known("s", "Clinton", co={SENATE, "org-state-department"})
    hillary = known("h", "Hillary Clinton", co={SENATE, "org-state-department"})
    bill = known("b", "Bill Clinton", co={SENATE})
    assert full_name_for(short, [hillary, bill]) is None  # both keep some of its company
    only_hillary = full_name_for(short, [hillary, known("b", "Bill Clinton", co={"org-arkansas"})])
    assert only_hillary is not None and only_hillary.full_id == "h"
    # One organization in common (the BBC names half the people) does not tell two Clintons apart.
    assert full_name_for(known("s", "Clinton", co={SENATE}),
                         [known("h", "Hillary Clinton", co={SENATE}), known("b", "Bill Clinton")]) is None
    assert "the only one of 2 fitting actors named with them" in only_hillary.because


def test_an_acronym_written_as_a_word_or_a_surname_after_a_particle_links_as_written():
    nato = full_name_for(known("s", "Nato", "organization", co={MATOS}),
                         [known("f", "North Atlantic Treaty Organization", "organization", co={MATOS})])
    assert nato is not None and nato.full_id == "f"
    # A word is not evidence of the initials it happens to spell, however long.
    assert full_name_for(known("s", "Kremlin", "organization"),
                         [known("f", "Kiev Regional Electric Media Library Institute Network", "organization")]) is None
    assad = full_name_for(known("s", "Assad", co={SENATE}), [known("f", "Bashar al-Assad", co={SENATE})])
    assert assad is not None and assad.full_id == "f"


def test_a_long_acronym_is_evidence_enough_a_short_one_is_not():
    nato = full_name_for(known("s", "NATO", "organization"),
                         [known("f", "North Atlantic Treaty Organization", "organization")])
    assert nato is not None and nato.because[0] == "NATO spells the initials of North Atlantic Treaty Organization"
    assert full_name_for(known("s", "UN", "organization"), [known("f", "United Nations", "organization")]) is None
    assert full_name_for(known("s", "NHS", "organization"), [known("f", "Norfolk High School", "organization")]) is None


# --- in the store, through the API

def stories(compose, said, named):
    full_lavrov = named(LAVROV, "Sergei Lavrov", titles=["Foreign Minister"],
                        mentions=["Foreign Minister Sergei Lavrov"])
    kremlin = named(KREMLIN, "Kremlin", "organization")
    nato = named(NATO, "North Atlantic Treaty Organization", "organization")
    return [
        compose("k-1", "Foreign Minister Sergei Lavrov spoke at the Kremlin about the North Atlantic Treaty "
                       "Organization. \"We will answer,\" said Foreign Minister Sergei Lavrov.",
                published_at="2024-05-01T10:00:00Z",
                said=[said("\"We will answer,\"", "Foreign Minister Sergei Lavrov", LAVROV)],
                named=[full_lavrov, kremlin, nato]),
        compose("k-2", "Lavrov left the Kremlin early. \"Talks are over,\" Lavrov said. NATO did not comment.",
                published_at="2024-05-02T10:00:00Z",
                said=[said("\"Talks are over,\"", "Lavrov", LAVROV_SHORT)],
                named=[named(LAVROV_SHORT, "Lavrov"), kremlin, named(NATO_SHORT, "NATO", "organization")]),
        compose("c-1", "Hillary Clinton and Bill Clinton visited the Senate.", published_at="2024-05-03T10:00:00Z",
                named=[named(HILLARY, "Hillary Clinton"), named(BILL, "Bill Clinton"),
                       named(SENATE, "Senate", "organization")]),
        compose("c-2", "Clinton spoke to the Senate.", published_at="2024-05-04T10:00:00Z",
                named=[named(CLINTON_SHORT, "Clinton"), named(SENATE, "Senate", "organization")]),
        compose("o-1", "Jane Okafor chairs the Senate committee.", published_at="2024-05-05T10:00:00Z",
                named=[named(OKAFOR, "Jane Okafor"), named(SENATE, "Senate", "organization")]),
        compose("o-2", "Okafor was not reached.", published_at="2024-05-06T10:00:00Z",
                named=[named(OKAFOR_SHORT, "Okafor")]),
    ]


@pytest.fixture
async def linked_client(store_engine, compose, said, named, save_to, client_for):
    from newsflow_store.app import create_app

    first, *rest = stories(compose, said, named)
    save_to(store_engine, first)
    save_to(store_engine, *rest)
    async with client_for(create_app(store_engine)) as client:
        yield client


async def get(client, path: str) -> dict:
    response = await client.get(path)
    assert response.status_code == 200, response.text
    return response.json()


async def test_a_surname_alone_is_linked_to_the_actor_named_in_full_and_says_why(linked_client):
    full = await get(linked_client, f"/actors/{LAVROV}")
    short = await get(linked_client, f"/actors/{LAVROV_SHORT}")

    assert full["same_as"] is None
    assert [(s["id"], s["name"], s["article_count"]) for s in full["short_names"]] == [(LAVROV_SHORT, "Lavrov", 1)]
    assert full["short_names"][0]["because"] == ["Lavrov is the surname of Sergei Lavrov",
                                                 "1 organization named with both"]
    assert (short["same_as"]["id"], short["same_as"]["name"]) == (LAVROV, "Sergei Lavrov")
    assert short["short_names"] == []


async def test_the_merged_actor_lists_every_article_and_quote_under_either_name(linked_client):
    for actor in (LAVROV, LAVROV_SHORT):
        articles = await get(linked_client, f"/actors/{actor}/articles")
        assert [a["article_id"] for a in articles["items"]] == ["k-2", "k-1"]  # newest first
        quotes = await get(linked_client, f"/actors/{actor}/quotes")
        assert sorted(q["text"] for q in quotes["items"]) == ["\"Talks are over,\"", "\"We will answer,\""]
    # The plain article filter still means the one entity.
    assert [a["article_id"] for a in (await get(linked_client, f"/articles?actor={LAVROV}"))["items"]] == ["k-1"]


async def test_an_ambiguous_or_unconnected_surname_stays_apart(linked_client):
    for short, fulls in ((CLINTON_SHORT, (HILLARY, BILL)), (OKAFOR_SHORT, (OKAFOR,))):
        assert (await get(linked_client, f"/actors/{short}"))["same_as"] is None
        for full in fulls:
            assert (await get(linked_client, f"/actors/{full}"))["short_names"] == []
        articles = await get(linked_client, f"/actors/{short}/articles")
        assert len(articles["items"]) == 1


async def test_an_acronym_is_linked_to_the_organization_it_spells(linked_client):
    full = await get(linked_client, f"/organizations/{NATO}")
    short = await get(linked_client, f"/organizations/{NATO_SHORT}")
    assert [s["id"] for s in full["short_names"]] == [NATO_SHORT]
    assert short["same_as"]["id"] == NATO
    assert short["same_as"]["because"][0] == "NATO spells the initials of North Atlantic Treaty Organization"


async def test_a_link_goes_away_with_the_article_that_made_it(store_engine, compose, said, named, save_to,
                                                             client_for):
    from newsflow_store.app import create_app

    k1, k2, *_ = stories(compose, said, named)
    save_to(store_engine, k1, k2)
    # k-1 replaced by a version that no longer names Sergei Lavrov: "Lavrov" has no full name left.
    save_to(store_engine, compose("k-1", "The Kremlin was quiet.", named=[named(KREMLIN, "Kremlin", "organization")],
                                  parse="0.2.0"))
    async with client_for(create_app(store_engine)) as client:
        assert (await get(client, f"/actors/{LAVROV_SHORT}"))["same_as"] is None


def test_entities_stored_before_the_keys_get_them_when_migrated(store_engine, compose, said, named, save_to):
    save_to(store_engine, *stories(compose, said, named)[:2])
    with store_engine.begin() as connection:
        command.downgrade(alembic_config(connection), "0004")
    migrate(store_engine)
    with store_engine.connect() as connection:
        keys = dict(connection.execute(text("SELECT id, link_key FROM entities WHERE id IN (:a, :b, :c)"),
                                       {"a": LAVROV, "b": LAVROV_SHORT, "c": KREMLIN}).all())
        short = connection.execute(text("SELECT short_name FROM entities WHERE id = :id"),
                                   {"id": LAVROV_SHORT}).scalar_one()
    assert keys == {LAVROV: "person:lavrov", LAVROV_SHORT: "person:lavrov", KREMLIN: "organization:kremlin"}
    assert short


async def test_the_actor_page_says_which_names_are_one_actor_and_shows_their_statements(linked_client):
    full = (await linked_client.get(f"/ui/actors/{LAVROV}")).text
    short = (await linked_client.get(f"/ui/actors/{LAVROV_SHORT}")).text

    assert f'<a href="/ui/actors/{LAVROV_SHORT}">Lavrov</a> in 1 article' in full
    assert f'<a href="/ui/actors/{LAVROV}">Sergei Lavrov</a>' in short
    assert "Lavrov is the surname of Sergei Lavrov" in full and "Lavrov is the surname of Sergei Lavrov" in short
    for page in (full, short):
        assert "Talks are over" in page and "We will answer" in page
        assert "2 quotes on 2 days" in page  # the timeline counts every linked name's quotes too
    clinton = (await linked_client.get(f"/ui/actors/{CLINTON_SHORT}")).text
    assert "The same as" not in clinton
