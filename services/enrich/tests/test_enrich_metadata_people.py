"""Bylines and photographers are metadata, not actors; captions may still complete a name."""

BODY = """By Clara Hughes

Morozov told reporters on Monday that the talks would go on. "We are patient people," Morozov said.

Clara Hughes contributed reporting. Photograph by Tomas Weiss/Reuters."""

LABELS = {"Clara Hughes": "PERSON", "Morozov": "ORG", "Tomas Weiss/Reuters": "ORG"}


def test_byline_authors_and_credited_photographers_are_not_entities(enrich_labelled):
    article = enrich_labelled(BODY, LABELS, authors=["Clara Hughes"])

    assert "Clara Hughes" not in article.entities
    assert not any("Weiss" in name for name in article.entities)


def test_a_surname_is_completed_from_a_caption_with_the_title_there(enrich_labelled):
    caption = "Finnish Trade Minister Sergey Morozov arrives in Vienna. (AP Photo/Tomas Weiss)"
    article = enrich_labelled(
        BODY, LABELS, [("We are patient people", "Morozov")], authors=["Clara Hughes"], captions=[caption]
    )

    morozov = article.entities["Sergey Morozov"]
    assert morozov.type == "person"
    assert morozov.aliases == ["Morozov"]
    assert morozov.titles == ["Finnish Trade Minister"]
    assert [m.text for m in morozov.mentions] == ["Morozov", "Morozov"]  # mentions stay in the body
    assert article.speaker_names() == ["Sergey Morozov"]
    # Only pictured, never in the story: no entity.
    assert "Vienna" not in article.entities and "Tomas Weiss" not in article.entities


def test_a_headline_can_complete_a_name_but_not_with_a_role_or_a_weekday(enrich_labelled):
    labels = {**LABELS, "Morozov": "PERSON"}

    plain = enrich_labelled(BODY, labels, title="Minister Morozov rejects report; Monday Morozov meets envoy")
    completed = enrich_labelled(BODY, labels, title="Envoy Pavel Morozov rejects report")

    assert "Morozov" in plain.entities and plain.entities["Morozov"].aliases == []
    assert completed.entities["Pavel Morozov"].titles == ["Envoy"]
