from newsflow_shared.events import Entity, Mention, Quote

from newsflow_enrich.entities import entity_id
from newsflow_enrich.speakers import _in_modifier_of_role, link_speakers, resolve_speaker

BODY = (
    "Mayor Tom Berrick opened the bridge in Kelby. "
    '"We are delighted to see traffic flowing again," Mayor Tom Berrick said. '
    "Jane Okafor of the Green Party was less pleased. "
    '"This bridge cost twice what it should have," she said. '
    '"The money is gone," Kelby\'s treasurer said. '
    '"Ask anyone who pays taxes here," Okafor added. '
    '"Nobody listens to us at all," they said.'
)


def entity(name, entity_type, *mention_texts):
    mentions = []
    for text in mention_texts:
        start = -1
        while (start := BODY.find(text, start + 1)) != -1:
            if not any(m.start <= start < m.end for m in mentions):
                mentions.append(Mention(start=start, end=start + len(text), text=text))
    return Entity(id=entity_id(entity_type, name), name=name, type=entity_type, mentions=mentions)


BERRICK = entity("Tom Berrick", "person", "Tom Berrick")
KELBY = entity("Kelby", "place", "Kelby")
OKAFOR = entity("Jane Okafor", "person", "Jane Okafor")
GREENS = entity("Green Party", "organization", "Green Party")
ENTITIES = [BERRICK, KELBY, OKAFOR, GREENS]


def quote(text, speaker, n=1):
    start = BODY.index(text)
    speaker_start = BODY.index(speaker, start + len(text))
    return Quote(
        id=f"a-q{n}",
        text=text,
        kind="direct",
        start=start,
        end=start + len(text),
        cue="said",
        speaker=speaker,
        speaker_start=speaker_start,
        speaker_end=speaker_start + len(speaker),
    )


def test_entity_mentioned_inside_the_speaker_span():
    assert resolve_speaker(quote("We are delighted", "Mayor Tom Berrick"), ENTITIES) == BERRICK.id


def test_surname_speaker_matches_an_entity_name_ending_with_it():
    # No entity mention overlaps "Okafor" at its position: the name match finds her.
    assert resolve_speaker(quote("Ask anyone who pays taxes here", "Okafor"), ENTITIES) == OKAFOR.id


def test_pronoun_goes_to_the_nearest_person_mentioned_before_the_quote():
    assert resolve_speaker(quote("This bridge cost twice", "she"), ENTITIES) == OKAFOR.id


def test_a_name_that_only_modifies_the_speaker_is_not_the_speaker_but_one_with_a_phrase_after_it_is():
    body = "Tom Berrick's spokesman defended him. Jane Okafor of the Green Party disagreed."
    spokesman = Quote(id="q1", text="x", kind="indirect", start=30, end=31, speaker="Tom Berrick's spokesman",
                      speaker_start=0, speaker_end=23)
    okafor = Quote(id="q2", text="y", kind="indirect", start=70, end=71, speaker="Jane Okafor of the Green Party",
                   speaker_start=38, speaker_end=68)
    entities = [
        Entity(id="berrick", name="Tom Berrick", type="person", mentions=[Mention(start=0, end=11, text="Tom Berrick")]),
        Entity(id="okafor", name="Jane Okafor", type="person", mentions=[Mention(start=38, end=49, text="Jane Okafor")]),
        Entity(id="greens", name="Green Party", type="organization", mentions=[Mention(start=57, end=68, text="Green Party")]),
    ]

    assert [q.actor_id for q in link_speakers([spokesman, okafor], entities, body=body)] == [None, "okafor"]


def test_a_place_inside_a_longer_speaker_mention_is_not_the_speaker():
    assert resolve_speaker(quote("The money is gone", "Kelby's treasurer"), ENTITIES) is None


def test_unresolvable_speakers_keep_their_mention_without_an_actor():
    [linked] = link_speakers([quote("Nobody listens to us at all", "they")], ENTITIES)

    assert (linked.speaker, linked.actor_id) == ("they", None)
    no_speaker = Quote(id="a-q9", text="x y z", kind="direct", start=0, end=5)
    assert link_speakers([no_speaker], ENTITIES)[0].actor_id is None


def test_a_possessive_pronoun_speaker_resolves_like_its_subject_form():
    # Parse reports "her plan to …" with the owner "her" as the speaker.
    possessive = quote("This bridge cost twice", "she").model_copy(update={"speaker": "her"})

    assert resolve_speaker(possessive, ENTITIES) == OKAFOR.id


def test_pronoun_without_any_earlier_person_has_no_actor():
    assert resolve_speaker(quote("This bridge cost twice", "she"), [KELBY, GREENS]) is None


def test_link_speakers_keeps_everything_but_the_actor():
    original = quote("We are delighted", "Mayor Tom Berrick")

    [linked] = link_speakers([original], ENTITIES)

    assert linked.model_dump(exclude={"actor_id"}) == original.model_dump(exclude={"actor_id"})
    assert linked.actor_id == BERRICK.id


def test_a_role_with_a_company_in_its_modifier_is_the_person_apposed_to_it(enrich_labelled):
    body = (
        "Tom Wells built Kelby Holdings into a large firm. "
        "His former business partner at Kelby Holdings, Rhea Moss, called him a genius. "
        "A spokeswoman for Tom Wells said he was proud."
    )
    labels = {"Tom Wells": "PERSON", "Kelby Holdings": "ORG", "Rhea Moss": "PERSON"}
    quotes = [
        ("called him a genius", "His former business partner at Kelby Holdings"),
        ("he was proud", "A spokeswoman for Tom Wells"),
    ]

    enriched = enrich_labelled(body, labels, quotes)

    assert enriched.speaker_names() == ["Rhea Moss", None]


def test_an_unnamed_someone_in_a_lede_is_the_person_named_in_the_next_sentence(enrich_labelled):
    body = (
        "A former party chairman says Tom Wells should step aside before the vote.\n\n"
        "\u201cNow is the time to act,\u201d said Rhea Moss, who led the party for years.\n"
    )
    labels = {"Tom Wells": "PERSON", "Rhea Moss": "PERSON"}

    enriched = enrich_labelled(body, labels, [("should step aside", "A former party chairman")])

    assert enriched.speaker_names() == ["Rhea Moss"]


def test_which_names_in_a_speaker_phrase_sit_in_a_roles_modifier():
    assert _in_modifier_of_role("His former business partner at ")
    assert _in_modifier_of_role("a spokeswoman for Mayor ")
    assert _in_modifier_of_role("The former secretary of ")
    assert not _in_modifier_of_role("President of Kelbia ")  # "President of Kelbia Tom Wells" is Tom Wells
    assert not _in_modifier_of_role("Senate Majority Leader ")
    assert not _in_modifier_of_role("")
