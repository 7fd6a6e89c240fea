"""Direct quotes: marks of every kind, speakers before, after and inside, attribution handed on."""

import pytest

from newsflow_parse.quotes import extract_quotes_batch

BODY = """The harbour bridge in Kelby reopened to traffic on Tuesday after six months of repairs.

"We are delighted to see traffic flowing again," Mayor Tom Berrick said at the ceremony.

Council leader Jane Okafor told reporters: “The repairs came in under budget and ahead of schedule.”

"Some shops lost half their trade during the closure," said Priya Nandi, who runs a bakery near the bridge.

‘It was the longest winter of my life,’ she told reporters. ‘Nobody asked the shop owners first.’

According to the council: "Every contractor was paid on time and in full."

The engineer in charge, Ruth Abara, spoke last. She continued:

“We found rust in places nobody had inspected for forty years.

“Some of the cables had to be replaced from end to end.

“It will not happen again on my watch,” she said.

“It was a race against the tides,” the site foreman said, “and in the end we won it.”

“Bridges are the arteries of a town like this one.” — Olu Benson, harbour master

Union organiser Dana Kell spoke to the crowd after the ribbon was cut.

“The crews worked through every storm this winter to get this done.”
"""


def quote_containing(quotes, fragment):
    matches = [q for q in quotes if fragment in q.text]
    assert len(matches) == 1, f"expected one quote containing {fragment!r}, got {[q.text for q in quotes]}"
    return matches[0]


@pytest.fixture(scope="module")
def quotes():
    [article_quotes] = extract_quotes_batch([("art1", BODY)])
    return article_quotes


def test_speaker_after_the_quote(quotes):
    quote = quote_containing(quotes, "delighted")

    assert quote.text == "We are delighted to see traffic flowing again"
    assert (quote.kind, quote.cue, quote.speaker) == ("direct", "said", "Mayor Tom Berrick")


def test_cue_before_the_speaker_after_the_quote_and_the_relative_clause_left_out(quotes):
    quote = quote_containing(quotes, "half their trade")

    assert (quote.cue, quote.speaker) == ("said", "Priya Nandi")


def test_speaker_before_the_quote_with_a_colon_and_the_description_left_out(quotes):
    quote = quote_containing(quotes, "under budget")

    assert quote.text == "The repairs came in under budget and ahead of schedule."
    assert (quote.cue, quote.speaker) == ("told", "Jane Okafor")


def test_single_marks_quote_and_a_second_quote_in_the_paragraph_share_its_speaker(quotes):
    quote = quote_containing(quotes, "longest winter")

    # One quote interrupted by its attribution: the speaker is inside it.
    assert quote.text.startswith("It was the longest winter of my life")
    assert quote.text.endswith("Nobody asked the shop owners first.")
    assert (quote.cue, quote.speaker) == ("told", "she")
    assert quote.start < quote.speaker_start < quote.speaker_end < quote.end


def test_speaker_inside_the_quote(quotes):
    quote = quote_containing(quotes, "race against the tides")

    # What was said, without the narration that interrupts it; each part where it stands in the body.
    assert quote.text == "It was a race against the tides, and in the end we won it."
    assert [BODY[part.start:part.end] for part in quote.parts] == [
        "It was a race against the tides,", "and in the end we won it."]
    assert (quote.start, quote.end) == (quote.parts[0].start, quote.parts[-1].end)
    assert BODY[quote.parts[0].end:quote.parts[1].start] == "” the site foreman said, “"
    assert (quote.cue, quote.speaker) == ("said", "the site foreman")


def test_according_to_names_the_speaker_after_the_cue(quotes):
    quote = quote_containing(quotes, "paid on time")

    assert (quote.cue, quote.speaker) == ("According to", "the council")


def test_a_quote_over_several_paragraphs_is_one_quote_per_paragraph_with_one_speaker(quotes):
    parts = [quote_containing(quotes, f) for f in ("found rust", "cables had to be", "not happen again")]

    assert [p.text for p in parts] == [
        "We found rust in places nobody had inspected for forty years.",
        "Some of the cables had to be replaced from end to end.",
        "It will not happen again on my watch",
    ]
    assert {(p.speaker, p.speaker_start) for p in parts} == {("she", parts[2].speaker_start)}


def test_a_name_after_a_dash_signs_the_quote(quotes):
    quote = quote_containing(quotes, "arteries")

    assert (quote.cue, quote.speaker) == ("—", "Olu Benson")


def test_a_quote_paragraph_after_one_without_a_quote_or_a_colon_gets_no_guessed_speaker(quotes):
    quote = quote_containing(quotes, "through every storm")

    assert (quote.cue, quote.speaker) == (None, None)  # "spoke to the crowd" hands no words on


def test_every_offset_points_into_the_body(quotes):
    for quote in quotes:
        assert quote.text == " ".join(BODY[part.start:part.end] for part in quote.parts)
        assert quote.start == quote.parts[0].start and quote.end == quote.parts[-1].end
        if len(quote.parts) == 1:
            assert BODY[quote.start : quote.end] == quote.text
        if quote.speaker is not None:
            assert BODY[quote.speaker_start : quote.speaker_end] == quote.speaker
    assert sum(q.speaker is not None for q in quotes) == len(quotes) - 1


def test_ids_count_from_one_in_body_order(quotes):
    assert [q.id for q in quotes] == [f"art1-q{n}" for n in range(1, len(quotes) + 1)]
    assert [q.start for q in quotes] == sorted(q.start for q in quotes)


def test_a_colon_ending_the_previous_paragraph_introduces_the_quote():
    body = "Asked about the delays, the minister was blunt. She told the committee:\n\n“Nobody will be paid until the work is finished.”"

    [quote] = extract_quotes_batch([("a", body)])[0]

    assert (quote.cue, quote.speaker) == ("told", "She")


def test_a_quote_paragraph_after_an_attributed_one_continues_its_speaker():
    body = (
        '"The road has been closed for a month," farmer Lena Moss said.\n\n'
        '"Our milk goes to waste every single morning now."'
    )

    first, second = extract_quotes_batch([("a", body)])[0]

    assert (second.speaker, second.speaker_start) == ("Lena Moss", first.speaker_start)


def test_a_quote_without_a_cue_has_no_speaker():
    body = 'The sign on the door read "Closed for the winter season. See you all in the spring." all week.'
    [quote] = extract_quotes_batch([("a", body)])[0]

    assert quote.text == "Closed for the winter season. See you all in the spring."
    assert (quote.cue, quote.speaker, quote.speaker_start) == (None, None, None)


def test_a_short_lowercase_phrase_no_one_is_said_to_have_said_is_a_term_not_a_quote():
    body = 'She was hired as a "national ferry safety reporter" in May. The sign read "closed for the winter season".'

    assert extract_quotes_batch([("a", body)])[0] == []


def test_quotes_re_opened_in_one_paragraph_are_parts_of_one_speech():
    body = (
        'Ms Hale said: "We have doubled the grant in two years. "We are going to double it again by 2030." '
        'She said the money would come from savings.'
    )

    quotes = extract_quotes_batch([("a", body)])[0]
    direct = [q for q in quotes if q.kind == "direct"]

    assert [q.text for q in direct] == ["We have doubled the grant in two years.", "We are going to double it again by 2030."]
    assert {q.speaker for q in direct} == {"Ms Hale"}


def test_batch_keeps_one_list_per_article_in_order():
    bodies = [("a", '"We will reopen the mill next spring," the owner said.'), ("b", "No quotes here at all."), ("c", "")]

    results = extract_quotes_batch(bodies)

    assert [len(r) for r in results] == [1, 0, 0]
    assert results[0][0].id == "a-q1"


def test_an_interrupted_quote_reads_as_what_was_said_with_the_narration_left_out():
    body = ('"The ferry is our lifeline, our clinic and our classroom," said Councillor Ines Varga, who led the'
            ' campaign for a new boat. "Without it the island would empty within a decade."\n')
    [quote] = extract_quotes_batch([("isle", body)])[0]

    assert quote.text == ("The ferry is our lifeline, our clinic and our classroom, "
                          "Without it the island would empty within a decade.")
    assert [body[part.start:part.end] for part in quote.parts] == [
        "The ferry is our lifeline, our clinic and our classroom,",
        "Without it the island would empty within a decade."]
    assert (quote.speaker, quote.cue) == ("Councillor Ines Varga", "said")
    assert "campaign" not in quote.text


def test_a_quote_interrupted_by_a_sentence_naming_the_speaker_with_a_title_is_one_quote():
    body = ('"We cannot keep the clinic open on a volunteer rota," island nurse lead Mara Tulloch told the '
            'Gazette. "Six nurses would cover every weekend shift."\n')
    [quote] = extract_quotes_batch([("isle", body)])[0]

    assert [body[part.start:part.end] for part in quote.parts] == [
        "We cannot keep the clinic open on a volunteer rota,",
        "Six nurses would cover every weekend shift."]
    assert (quote.speaker, quote.cue) == ("Mara Tulloch", "told")


def test_a_clause_reported_inside_the_interrupting_attribution_does_not_split_the_quote():
    body = ('"The biggest worry for me is the next court vacancy," said seed grower Frank Vale, who backed '
            'Senator Ames last year. "If Jones is the nominee, a lot of people will stay home."\n')
    quotes = extract_quotes_batch([("isle", body)])[0]

    assert [(q.kind, q.speaker, [body[p.start:p.end] for p in q.parts]) for q in quotes] == [
        ("direct", "Frank Vale", ["The biggest worry for me is the next court vacancy,",
                                  "If Jones is the nominee, a lot of people will stay home."]),
        # What the speaker is said to have done stays a quote of its own, between the two parts.
        ("indirect", "Frank Vale", ["Senator Ames"]),
    ]
