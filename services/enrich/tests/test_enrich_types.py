"""Types that hold across a document, and names that are not actors at all.

The labels below reproduce the small model's typical mistakes; the rules
must correct them from the text around the names.
"""

BRIDGE = """Rescue workers search the river near Kelby on Sunday. (AP Photo/Marta Lindqvist)

KELBY (AP) — The Harbour Gazette newspaper reported on Monday that the bridge had failed two inspections. Editors at Harbour Gazette said the warnings were ignored, and Harbour Gazette published the files.

Mayor Tom Berrick said LGBT groups would help the families. Berrick thanked the volunteers. The film “Ellery” will be shown on Friday to raise money, and the Kelby Cup will be cancelled.

Estonians living in the town joined the vigil, the Estonian consul said. Tom Berrick spoke at the vigil and Berrick laid flowers in the Brexit garden."""

MODEL_LABELS = {
    "Kelby": "GPE",
    "KELBY": "ORG",
    "AP Photo/Marta Lindqvist": "ORG",
    "AP": "ORG",
    "Harbour Gazette": "PERSON",
    "Tom Berrick": "PERSON",
    "Berrick": "ORG",
    "LGBT": "ORG",
    "Ellery": "PERSON",
    "the Kelby Cup": "ORG",
    "Estonians": "ORG",
    "Estonian": "NORP",
    "Brexit": "PERSON",
}


def test_organization_context_outweighs_person_labels(enrich_labelled):
    article = enrich_labelled(BRIDGE, MODEL_LABELS)

    gazette = article.entities["Harbour Gazette"]
    assert gazette.type == "organization"
    assert len(gazette.mentions) == 3  # one entity for all three mentions, whatever each was labelled


def test_a_surname_labelled_organization_is_the_person(enrich_labelled):
    article = enrich_labelled(BRIDGE, MODEL_LABELS)

    berrick = article.entities["Tom Berrick"]
    assert berrick.type == "person"
    assert [m.text for m in berrick.mentions] == ["Tom Berrick", "Berrick", "Tom Berrick", "Berrick"]
    assert "Berrick" not in article.entities


def test_a_shouted_dateline_is_the_place(enrich_labelled):
    kelby = enrich_labelled(BRIDGE, MODEL_LABELS).entities["Kelby"]

    assert kelby.type == "place"
    assert "KELBY" in kelby.aliases


def test_descriptive_acronyms_demonyms_events_and_work_titles_are_not_actors(enrich_labelled):
    entities = enrich_labelled(BRIDGE, MODEL_LABELS).entities
    actors = {name for name, entity in entities.items() if entity.type in ("person", "organization")}

    assert entities["LGBT"].type == "group"
    assert entities["Estonians"].type == "group"
    assert entities["Kelby Cup"].type == "other"
    assert entities["Ellery"].type == "other"
    assert entities["Brexit"].type == "other"
    assert actors == {"Harbour Gazette", "Tom Berrick", "AP"}


def test_names_in_photo_credits_are_dropped(enrich_labelled):
    entities = enrich_labelled(BRIDGE, MODEL_LABELS).entities

    assert not any("Lindqvist" in name for name in entities)
    # The agency of the dateline stays: it is outside the credit.
    assert [m.text for m in entities["AP"].mentions] == ["AP"]


def test_apposition_saying_what_a_name_is(enrich_labelled):
    body = "Civic Watch, a watchdog based in Leeds, criticised the plan. Anna Rowe, a party member, agreed."
    entities = enrich_labelled(body, {"Civic Watch": "PERSON", "Leeds": "GPE", "Anna Rowe": "PERSON"}).entities

    assert entities["Civic Watch"].type == "organization"
    assert entities["Anna Rowe"].type == "person"  # "party" is not the head of "a party member"


def test_real_model_output_is_mended_the_same_way(enrich):
    body = (
        "The Northern Ledger Foundation warned of shortages on Monday. Officials at the NLF said supplies "
        "would last a week. Amnesty Monitor, a watchdog based in London, published a report."
    )
    entities = enrich(body).entities

    assert entities["Northern Ledger Foundation"].type == "organization"
    assert "NLF" in entities["Northern Ledger Foundation"].aliases
    assert entities["Amnesty Monitor"].type == "organization"
