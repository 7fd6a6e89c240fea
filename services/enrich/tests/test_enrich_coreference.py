"""Every quote's speaker mention resolved to an entity: names, pronouns, roles, organizations, groups."""

import pytest

DENIAL = """The interior minister on Tuesday rejected reports that protesters had been detained, calling them “pure invention”.

Rights activists say more than 40 people are missing. “Nobody is safe,” they said.

Speaking in Vienna on Tuesday, Interior Minister Andrei Sokolov met Marta Lind, the European Union’s envoy, who said she had raised the detentions. Lind later met Civic Watch, a rights group based in Oslo.

“Mr Petrov promised a review in March, and the cells are still full,” the group said. Civic Watch said it had documented every case.

Sokolov rejected the claims after his meeting with Lind. The talks lasted three hours and ended without a statement. “We have nothing to hide,” he said.

“Ask the courts.

“They will tell you the same,” the minister said.

A Kelbian embassy official has also dismissed the reports. Pavel Gromov, a press officer at Kelbia’s embassy in Oslo, called them “fabricated”.

Sokolov’s spokesman said the matter was closed."""

LABELS = {
    "Vienna": "GPE",
    "Andrei Sokolov": "PERSON",
    "Marta Lind": "PERSON",
    "the European Union": "ORG",
    "Lind": "PERSON",
    "Civic Watch": "ORG",
    "Oslo": "GPE",
    "Petrov": "PERSON",
    "Sokolov": "PERSON",
    "Kelbian": "NORP",
    "Pavel Gromov": "PERSON",
    "Kelbia": "GPE",
}

QUOTES = [
    ("pure invention", "The interior minister"),
    ("more than 40 people are missing", "Rights activists"),
    ("Nobody is safe", "they"),
    ("she had raised the detentions", "who"),
    ("Mr Petrov promised a review in March, and the cells are still full", "the group"),
    ("it had documented every case", "Civic Watch"),
    ("We have nothing to hide", "he"),
    ("Ask the courts.", None),
    ("They will tell you the same", "the minister"),
    ("also dismissed the reports", "A Kelbian embassy official"),
    ("fabricated", "Pavel Gromov"),
    ("the matter was closed", "Sokolov’s spokesman"),
]


@pytest.fixture
def speakers(enrich_labelled):
    article = enrich_labelled(DENIAL, LABELS, QUOTES)
    return dict(zip([text for text, _ in QUOTES], article.speaker_names()))


def test_pronoun_goes_past_a_nearer_person_of_the_other_gender_and_names_inside_quotes(speakers):
    # Lind is named after Sokolov but she is a woman ("who said she ..."); Petrov is only named inside a quote.
    assert speakers["We have nothing to hide"] == "Andrei Sokolov"


def test_definite_role_resolves_to_the_person_with_that_title(speakers):
    assert speakers["They will tell you the same"] == "Andrei Sokolov"


def test_a_role_in_the_lede_points_to_the_first_person_named_after_it(speakers):
    assert speakers["pure invention"] == "Andrei Sokolov"


def test_indefinite_role_is_the_person_introduced_next_with_a_matching_title(speakers):
    # "A Kelbian embassy official" ~ "a press officer at Kelbia's embassy": generic role, shared words.
    assert speakers["also dismissed the reports"] == "Pavel Gromov"


def test_organizations_speak_by_name_and_by_kind(speakers):
    assert speakers["it had documented every case"] == "Civic Watch"
    assert speakers["Mr Petrov promised a review in March, and the cells are still full"] == "Civic Watch"


def test_relative_pronoun_is_the_person_before_it(speakers):
    assert speakers["she had raised the detentions"] == "Marta Lind"


def test_a_quote_paragraph_continuing_a_speech_has_its_speaker(speakers):
    assert speakers["Ask the courts."] == "Andrei Sokolov"


def test_groups_and_unknown_roles_keep_their_mention_without_an_actor(enrich_labelled):
    article = enrich_labelled(DENIAL, LABELS, QUOTES)
    by_text = {q.text: q for q in article.article.quotes}

    assert by_text["Nobody is safe"].actor_id is None and by_text["Nobody is safe"].speaker == "they"
    assert by_text["more than 40 people are missing"].actor_id is None
    assert by_text["more than 40 people are missing"].speaker == "Rights activists"
    # Sokolov's spokesman is not Sokolov, and nobody is titled spokesman.
    assert by_text["the matter was closed"].actor_id is None
    assert by_text["the matter was closed"].speaker == "Sokolov’s spokesman"


def test_an_untitled_role_continuing_a_speech_is_the_latest_speaker(enrich_labelled):
    body = (
        "Pekka Virta walked out of the wage talks on Monday.\n\n"
        "“The offer is an insult,” he said.\n\n"
        "“Our members have waited two years.\n\n"
        "“They will not wait another month,” the union’s chief negotiator said.\n\n"
        "A mediator, Oleg Rudin, said the talks would resume."
    )
    labels = {"Pekka Virta": "PERSON", "Oleg Rudin": "PERSON"}
    quotes = [
        ("The offer is an insult", "he"),
        ("Our members have waited two years.", None),
        ("They will not wait another month", "the union’s chief negotiator"),
        ("the talks would resume", "Oleg Rudin"),
    ]

    assert enrich_labelled(body, labels, quotes).speaker_names() == ["Pekka Virta"] * 3 + ["Oleg Rudin"]


def test_two_roles_under_one_determiner_are_one_person_and_two_determiners_are_two(enrich_labelled):
    body = (
        "Marta Lind returned to Kelby on Friday after a week of hearings.\n\n"
        "Speaking on the radio, the former trade minister and current party leader said she wanted to speak "
        "“directly to farmers”.\n\n"
        "Later, the mayor and the governor said the hearings had been fair."
    )
    labels = {"Marta Lind": "PERSON", "Kelby": "GPE"}
    quotes = [
        ("she wanted to speak “directly to farmers”", "the former trade minister and current party leader"),
        ("the hearings had been fair", "the mayor and the governor"),
    ]

    assert enrich_labelled(body, labels, quotes).speaker_names() == ["Marta Lind", None]


def test_pronouns_with_the_real_model(enrich):
    body = (
        "Mayor Tom Berrick opened the new bridge in Kelby on Monday. Jane Okafor of the Green Party said "
        "she was less pleased.\n\n"
        "The bridge cost twice what was planned, and the council has not said why.\n\n"
        "“We are delighted to see traffic flowing again,” he said.\n\n"
        "“This bridge cost twice what it should have,” she said."
    )
    article = enrich(
        body,
        [("We are delighted to see traffic flowing again", "he"), ("This bridge cost twice what it should have", "she")],
    )

    assert article.speaker_names() == ["Tom Berrick", "Jane Okafor"]
