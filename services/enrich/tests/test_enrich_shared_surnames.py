"""Two people sharing a surname: courtesy titles and gendered roles say which one a short form is."""


def people(enriched):
    return {name: sorted(e.aliases) for name, e in enriched.entities.items() if e.type == "person"}


def test_mr_surname_does_not_join_a_woman_of_that_surname_and_his_role_follows_him(enrich_labelled):
    body = (
        "President Varga spoke in Kelby on Monday. Mr. Varga said the plan would pass. "
        "He campaigned with the first lady, Irena Varga, at a rally. "
        "The president said the vote was close."
    )
    labels = {"Varga": "PERSON", "Irena Varga": "PERSON", "Kelby": "GPE"}

    enriched = enrich_labelled(body, labels, [("the vote was close", "The president")])

    assert people(enriched) == {"Varga": ["Mr. Varga"], "Irena Varga": []}
    assert enriched.speaker_names() == ["Varga"]


def test_mr_and_mrs_go_to_the_husband_and_the_wife(enrich_labelled):
    body = (
        "Lena Holt spoke first. Lena Holt thanked donors. Lena Holt left early. Her husband, Tomas Holt, stayed. "
        "Mrs. Holt said the race was close. Mrs. Holt added a warning. Mr. Holt said he agreed."
    )

    enriched = enrich_labelled(body, {"Holt": "PERSON", "Lena Holt": "PERSON", "Tomas Holt": "PERSON"})

    assert people(enriched) == {"Lena Holt": ["Holt", "Mrs. Holt"], "Tomas Holt": ["Holt", "Mr. Holt"]}


def test_an_untitled_surname_still_joins_the_only_bearer(enrich_labelled):
    body = "Mr. Okoro met Daniel Okoro's staff. Daniel Okoro spoke. Okoro left."

    enriched = enrich_labelled(body, {"Okoro": "PERSON", "Daniel Okoro": "PERSON"})

    assert people(enriched) == {"Daniel Okoro": ["Mr. Okoro", "Okoro"]}


def test_a_name_with_and_without_a_middle_name_is_one_person_and_owns_the_surname(enrich_labelled):
    body = "Lena Marsh Holt spoke first. Lena Holt thanked donors. Mrs. Holt left early. Holt said goodbye."

    enriched = enrich_labelled(body, {"Holt": "PERSON", "Lena Holt": "PERSON", "Lena Marsh Holt": "PERSON"})

    assert people(enriched) == {"Lena Marsh Holt": ["Holt", "Lena Holt", "Mrs. Holt"]}
