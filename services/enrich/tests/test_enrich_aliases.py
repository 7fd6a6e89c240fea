"""One canonical entity per actor: the full name as name, every other way the article names it as an alias."""

TALKS = """Ukrainian Foreign Minister Andriy Kovalenko met the head of the Civic Rights Alliance in Vienna on Tuesday.

Kovalenko said the talks were frank. Mr Kovalenko will fly to Geneva, where the United Nations hosts the next round. A U.N. spokesman said the UN Refugee Council would attend; the Refugee Council has asked for access since May.

The Civic Rights Alliance (CRA) published a report on detentions. CRA said forty people were missing. Andrii Kovalenko promised an answer.

New parks were announced by the Department of the Interior, and Interior officials said more would follow. Anna Berg and Lukas Berg, her brother, welcomed them; Berg said it was overdue.

A delegate of the Baltic Union for Maritime Affairs said the BU would observe the talks."""

LABELS = {
    "Ukrainian": "NORP",
    "Andriy Kovalenko": "PERSON",
    "Andrii Kovalenko": "PERSON",
    "Kovalenko": "ORG",
    "the Civic Rights Alliance": "ORG",
    "The Civic Rights Alliance": "ORG",
    "CRA": "ORG",
    "Vienna": "GPE",
    "Geneva": "GPE",
    "the United Nations": "ORG",
    "U.N.": "GPE",
    "UN Refugee Council": "ORG",
    "the Refugee Council": "ORG",
    "the Department": "ORG",
    "Interior": "ORG",
    "Anna Berg": "PERSON",
    "Lukas Berg": "PERSON",
    "Berg": "PERSON",
    "the Baltic Union for Maritime Affairs": "ORG",
    "BU": "ORG",
}


def test_full_name_is_canonical_with_surname_courtesy_and_transliterated_forms_as_aliases(enrich_labelled):
    entities = enrich_labelled(TALKS, LABELS).entities

    kovalenko = entities["Andriy Kovalenko"]
    assert kovalenko.type == "person"
    assert set(kovalenko.aliases) == {"Kovalenko", "Mr Kovalenko", "Andrii Kovalenko"}
    assert len(kovalenko.mentions) == 4
    assert not any(name in entities for name in ("Kovalenko", "Andrii Kovalenko"))


def test_acronyms_join_their_expansion_and_a_leading_the_is_an_alias(enrich_labelled):
    entities = enrich_labelled(TALKS, LABELS).entities

    assert set(entities["Civic Rights Alliance"].aliases) == {"the Civic Rights Alliance", "The Civic Rights Alliance", "CRA"}
    assert set(entities["United Nations"].aliases) == {"the United Nations", "U.N."}
    assert entities["United Nations"].type == "organization"
    assert "CRA" not in entities and "U.N." not in entities


def test_a_name_without_its_qualifier_or_of_phrase_joins_the_full_name(enrich_labelled):
    entities = enrich_labelled(TALKS, LABELS).entities

    assert set(entities["UN Refugee Council"].aliases) == {"the Refugee Council"}
    interior = entities["Department of the Interior"]
    assert set(interior.aliases) == {"the Department of the Interior", "Interior"}
    assert "Refugee Council" not in entities and "Interior" not in entities


def test_a_name_run_on_past_its_end_is_cut_where_its_acronym_ends(enrich_labelled):
    entities = enrich_labelled(TALKS, LABELS).entities

    assert "Baltic Union" in entities
    assert set(entities["Baltic Union"].aliases) == {"the Baltic Union", "BU"}
    assert [m.text for m in entities["Baltic Union"].mentions][0] == "the Baltic Union"


def test_a_surname_two_people_share_stays_apart(enrich_labelled):
    entities = enrich_labelled(TALKS, LABELS).entities

    assert {"Anna Berg", "Lukas Berg", "Berg"} <= set(entities)
    assert entities["Anna Berg"].aliases == [] and entities["Lukas Berg"].aliases == []


def test_with_the_real_model_one_entity_per_actor(enrich):
    body = (
        "The International Refugee Council said on Monday that camps near the border were full. "
        "The IRC said it could take no one else.\n\n"
        "German Chancellor Angela Merkel visited the camps. Merkel said Europe had to help. "
        "Mrs Merkel then flew to Vienna."
    )
    entities = enrich(body).entities
    people_and_orgs = sorted(name for name, e in entities.items() if e.type in ("person", "organization"))

    assert people_and_orgs == ["Angela Merkel", "International Refugee Council"]
    assert "IRC" in entities["International Refugee Council"].aliases
    assert {"Merkel", "Mrs Merkel"} <= set(entities["Angela Merkel"].aliases)
