import re

import pytest

from newsflow_enrich.entities import TypedMention, entities_from_doc, entity_id, group_mentions, normalise_name
from newsflow_enrich.nlp import load_nlp


def by_name(entities):
    return {entity.name: entity for entity in entities}


def test_surname_joins_the_full_name_and_the_longest_form_is_canonical():
    mentions = [
        TypedMention(0, 12, "Ilse Brandt", "person"),
        TypedMention(33, 39, "Brandt", "person"),
        TypedMention(56, 62, "Brandt", "person"),
    ]

    [brandt] = group_mentions(mentions)

    assert (brandt.name, brandt.type, brandt.aliases) == ("Ilse Brandt", "person", ["Brandt"])
    assert [(m.start, m.end, m.text) for m in brandt.mentions] == [(0, 12, "Ilse Brandt"), (33, 39, "Brandt"), (56, 62, "Brandt")]


def test_surname_tagged_as_organization_still_joins_and_counts_as_person():
    mentions = [
        TypedMention(0, 12, "Ilse Brandt", "person"),
        TypedMention(20, 26, "Brandt", "organization"),
        TypedMention(40, 46, "Brandt", "organization"),
    ]

    [entity] = group_mentions(mentions)

    assert (entity.name, entity.type, len(entity.mentions)) == ("Ilse Brandt", "person", 3)


def test_ambiguous_surname_stays_apart():
    mentions = [
        TypedMention(0, 12, "Bill Clinton", "person"),
        TypedMention(20, 35, "Hillary Clinton", "person"),
        TypedMention(40, 47, "Clinton", "person"),
    ]

    assert sorted(e.name for e in group_mentions(mentions)) == ["Bill Clinton", "Clinton", "Hillary Clinton"]


def test_a_shared_surname_goes_to_the_person_named_far_more_often():
    mentions = [TypedMention(i * 20, i * 20 + 11, "Anna Berg", "person") for i in range(3)] + [
        TypedMention(100, 110, "Lukas Berg", "person"),
        TypedMention(120, 124, "Berg", "person"),
    ]

    entities = {e.name: e for e in group_mentions(mentions)}

    assert set(entities) == {"Anna Berg", "Lukas Berg"}
    assert entities["Anna Berg"].aliases == ["Berg"]


def test_surnames_with_apostrophes_and_generational_suffixes_join_the_full_name():
    mentions = [
        TypedMention(0, 12, "James O’Neill", "person"),
        TypedMention(20, 27, "O'Neill", "person"),
        TypedMention(40, 57, "Joseph R. Biddle Jr.", "person"),
        TypedMention(60, 66, "Biddle", "person"),
    ]

    assert {e.name: e.aliases for e in group_mentions(mentions)} == {
        "James O'Neill": ["O'Neill"],  # apostrophes written one way
        "Joseph R. Biddle Jr.": ["Biddle"],
    }


def test_a_word_run_into_a_full_name_does_not_make_another_person():
    mentions = [
        TypedMention(0, 20, "Universe Alma Ortega", "person"),  # from "Miss Universe Alma Ortega"
        TypedMention(30, 41, "Alma Ortega", "person"),
        TypedMention(50, 61, "Alma Ortega", "person"),
        TypedMention(70, 76, "Ortega", "person"),
    ]

    [ortega] = group_mentions(mentions)

    assert ortega.name == "Alma Ortega"  # the most frequent full form, not the longest
    assert set(ortega.aliases) == {"Universe Alma Ortega", "Ortega"}


def test_a_place_is_not_merged_into_a_person_sharing_its_name():
    mentions = [
        TypedMention(0, 17, "George Washington", "person"),
        TypedMention(30, 40, "Washington", "place", after_locative=True),  # "in Washington"
        TypedMention(50, 60, "Washington", "place"),
    ]

    assert {e.name: e.type for e in group_mentions(mentions)} == {"George Washington": "person", "Washington": "place"}


def test_a_surname_the_model_took_for_a_place_joins_the_person_when_never_used_as_one():
    mentions = [
        TypedMention(0, 12, "Alma Ortega", "person"),
        TypedMention(30, 36, "Ortega", "place"),  # "attacked Ortega", "Ortega said"
        TypedMention(50, 56, "Ortega", "place"),
    ]

    [ortega] = group_mentions(mentions)

    assert (ortega.name, ortega.type, len(ortega.mentions)) == ("Alma Ortega", "person", 3)


def test_exact_normalised_matches_group_and_type_goes_by_majority():
    mentions = [
        TypedMention(0, 16, "the Green Party", "organization"),
        TypedMention(30, 41, "Green Party", "organization"),
        TypedMention(50, 64, "GREEN PARTY's", "person"),
        TypedMention(70, 81, "Green Party", "organization"),
    ]

    [party] = group_mentions(mentions)

    assert party.type == "organization"
    assert party.name == "Green Party"
    assert party.aliases == ["the Green Party", "GREEN PARTY"]
    assert len(party.mentions) == 4


def test_entities_come_in_order_of_first_mention():
    mentions = [TypedMention(50, 56, "Berlin", "place"), TypedMention(0, 13, "Angela Merkel", "person")]

    assert [e.name for e in group_mentions(mentions)] == ["Angela Merkel", "Berlin"]


def test_entity_id_depends_only_on_type_and_normalised_name():
    assert entity_id("person", "Angela Merkel") == entity_id("person", "  angela   MERKEL’s ")
    assert entity_id("person", "Angela Merkel") != entity_id("organization", "Angela Merkel")
    assert entity_id("person", "Angela Merkel") != entity_id("person", "Angela Merkels Twin")
    assert re.fullmatch(r"ent_[0-9a-f]{16}", entity_id("place", "Berlin"))


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [("The European Commission", "european commission"), ("Merkel’s", "merkel"), ("  Tom\n Berrick ", "tom berrick"), ("U.N.", "u.n")],
)
def test_normalise_name(raw, normalised):
    assert normalise_name(raw) == normalised


ARTICLE = """German Chancellor Angela Merkel met French President Emmanuel Macron in Berlin on Friday to discuss energy prices.

Merkel told reporters after the meeting: "We agreed that Europe must buy gas together."

Macron said the European Commission would present a plan next month. "Nobody should freeze this winter," he said."""


def test_spacy_labels_map_to_newsflow_types_and_surnames_merge():
    entities = by_name(entities_from_doc(load_nlp()(ARTICLE)))

    assert entities["Angela Merkel"].type == "person"
    assert entities["Angela Merkel"].aliases == ["Merkel"]
    assert entities["Emmanuel Macron"].aliases == ["Macron"]
    assert entities["European Commission"].type == "organization"
    assert entities["European Commission"].aliases == ["the European Commission"]
    assert entities["Berlin"].type == "place"
    assert entities["Europe"].type == "place"
    assert entities["German"].type == "group"
    assert "Merkel" not in entities and "Macron" not in entities
    assert not any(name in entities for name in ("Friday", "next month", "this winter"))
    for entity in entities.values():
        for mention in entity.mentions:
            assert ARTICLE[mention.start : mention.end] == mention.text
