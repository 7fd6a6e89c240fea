"""The right kind of actor (issue 19): a person named with a person's role is a person, whatever the
small model says, and the board, its chief executive and "she" then resolve as a reader would.

The article is written for this test; it has the shape of the clinic story a newcomer meets first.
"""

from __future__ import annotations

SURGERIES = (
    '"Nobody should have to wait until Monday to see a nurse," said Mirela Dunn, the trust\'s chief '
    "executive. She added that the trust had recruited four midwives for the evening rota.\n\n"
    "The Calder Valley Health Trust will keep its three village surgeries open on Sundays, its chief "
    "executive said.\n\n"
    "According to the trust, more than 900 patients a week travelled to the city hospital for minor problems."
)
QUOTES = [
    ("Nobody should have to wait until Monday to see a nurse", "Mirela Dunn"),
    ("the trust had recruited four midwives for the evening rota", "She"),
    ("The Calder Valley Health Trust will keep its three village surgeries open on Sundays", "its chief executive"),
    ("more than 900 patients a week travelled to the city hospital for minor problems", "the trust"),
]
SPEAKERS = ["Mirela Dunn", "Mirela Dunn", "Mirela Dunn", "Calder Valley Health Trust"]


def test_a_name_given_a_persons_role_in_apposition_is_a_person_though_labelled_an_organization(enrich_labelled):
    # The small model's mistake on such a name, reproduced: the role beside it must outweigh the label.
    article = enrich_labelled(SURGERIES, {"Mirela Dunn": "ORG", "Calder Valley Health Trust": "ORG"}, QUOTES)
    assert article.entities["Mirela Dunn"].type == "person"
    assert article.entities["Calder Valley Health Trust"].type == "organization"
    assert article.speaker_names() == SPEAKERS


def test_she_its_chief_executive_and_the_trust_resolve_with_the_real_model(enrich):
    article = enrich(SURGERIES, QUOTES)
    assert article.entities["Mirela Dunn"].type == "person"
    assert article.speaker_names() == SPEAKERS


def test_a_company_with_and_without_its_legal_form_is_one_organization(enrich_labelled):
    body = ("Tessel Foods Inc. will close two bakeries in the spring. Tessel Foods said the ovens were worn out, "
            "and Tessel Foods, Inc. promised jobs at its other sites.")
    article = enrich_labelled(body, {"Tessel Foods Inc.": "ORG", "Tessel Foods": "ORG", "Tessel Foods, Inc.": "ORG"},
                              [("the ovens were worn out", "Tessel Foods")])
    organizations = [e for e in article.article.entities if e.type == "organization"]
    assert [len(e.mentions) for e in organizations] == [3]
    assert article.speaker_names() == [organizations[0].name]
