"""Speakers the parser's sentence splits and misreadings would hide: question tags, short
utterances, inverted cues, transcript labels, titles quoted after the cue, issued statements."""

from newsflow_parse.quotes import extract_quotes_batch
from newsflow_parse.transcript import transcript_turn


def quotes_of(body):
    [found] = extract_quotes_batch([("art", body)])
    return found


def only_quote_with(body, fragment):
    matches = [q for q in quotes_of(body) if fragment in q.text]
    assert len(matches) == 1, [q.text for q in quotes_of(body)]
    return matches[0]


def test_a_question_ends_the_sentence_but_the_tag_after_it_names_the_speaker():
    body = "“Does anybody here know what the ferry timetable is this winter?” Harper asked. “Neither do I.”"
    quote = only_quote_with(body, "ferry timetable")
    assert (quote.cue, quote.speaker) == ("asked", "Harper")


def test_an_exclamation_tagged_by_a_demanding_senator():
    body = "“Why is this not proof that the port authority is too big to manage!” Senator Ilse Varga demanded.\n\nThe hearing went on."
    quote = only_quote_with(body, "port authority")
    assert quote.speaker == "Senator Ilse Varga"


def test_a_tag_that_mocks_or_marvels_names_the_speaker():
    for verb in ("mocked", "marvelled", "fumed"):
        body = f"“The ferry is never late, it just leaves early,” Ms Lenz {verb}."
        quote = only_quote_with(body, "leaves early")
        assert (quote.cue, quote.speaker) == (verb, "Ms Lenz")


def test_a_sentence_after_a_question_that_is_not_a_tag_gives_no_speaker():
    body = "“Who will pay for the new roof of the library?” The question hung over the meeting for an hour."
    quote = only_quote_with(body, "new roof")
    assert quote.speaker is None


def test_a_short_attributed_utterance_is_kept_and_joined_with_what_follows():
    body = '"It\'s heartbreaking," Morton said. "And this town has to find new ways of learning how to heal."'
    [quote] = quotes_of(body)
    assert quote.text.startswith("It's heartbreaking")
    assert quote.text.endswith("how to heal.")
    assert quote.speaker == "Morton"


def test_a_short_scare_quote_is_still_not_a_quote():
    body = "The mayor called the budget “a sham” before the vote on Monday evening."
    assert all(q.text != "a sham" for q in quotes_of(body))


def test_an_inverted_said_before_a_colon_names_the_speaker():
    body = 'Experts say the code would grow more complicated. Said Ellison: “I do not see any interest in reform here.”'
    quote = only_quote_with(body, "interest in reform")
    assert quote.speaker == "Ellison"


def test_a_quoted_show_title_after_the_cue_is_not_the_speaker():
    body = (
        "“He is absolutely right. There is a real disconnect between the board and the staff,” "
        "Okoro, a longtime board member, said on Thursday on the radio show “Morning Harbour.”"
    )
    quote = only_quote_with(body, "absolutely right")
    assert quote.speaker == "Okoro"


def test_transcript_labels_name_each_turn():
    body = (
        "The interview aired on Sunday.\n\n"
        '"BRANDT: If I may, because we have limited time. Will the minister attend the summit?\n\n'
        '"OKAFOR: The minister will not be attending the summit tomorrow night."'
    )
    first = only_quote_with(body, "limited time")
    second = only_quote_with(body, "not be attending")
    assert (first.speaker, first.cue, first.text[:5]) == ("BRANDT", ":", "If I ")
    assert (second.speaker, second.cue) == ("OKAFOR", ":")
    assert body[first.speaker_start : first.speaker_end] == "BRANDT"


def test_notes_in_capitals_are_not_transcript_speakers():
    assert transcript_turn("UPDATE: the road has reopened.", 0, 30) is None
    assert transcript_turn("EDITOR'S NOTE: this story was corrected.", 0, 40) is None
    assert transcript_turn("Brandt: lower case is prose, not a label.", 0, 40) is None
    start, attribution = transcript_turn("DE VRIES: We will see.", 0, 22)
    assert (start, attribution.speaker_start, attribution.speaker_end) == (10, 0, 8)


def test_an_issued_statement_speaks_for_its_issuer():
    body = 'After a short meeting, the Harbor Council issued a statement calling the spill "a clear violation of every permit the company holds."'
    quote = only_quote_with(body, "clear violation")
    assert "Harbor Council" in quote.speaker


def test_likened_and_chanted_are_cues():
    likened = only_quote_with(
        "Another critic, Laurence Moyo, likened the rules to \"the burning of the old charter\" in a speech.", "burning"
    )
    assert likened.speaker == "Laurence Moyo"
    chanted = only_quote_with('The marchers chanted "No more closures, no more cuts" outside the hall.', "No more")
    assert chanted.speaker == "The marchers"


def test_a_denied_claim_is_reported_speech_of_whoever_denies_it():
    body = "Grant denies the claims the council is using the fund to pay for its own offices."
    quote = only_quote_with(body, "using the fund")
    assert (quote.kind, quote.cue, quote.speaker) == ("indirect", "denies", "Grant")
    assert quote.text == "the council is using the fund to pay for its own offices"


def test_a_subjectless_participle_sentence_continues_the_previous_speaker():
    body = (
        "Grant denies the claims the council is using the fund to pay for its own offices. "
        "Going on to accuse Mills of being a ‘puppet’ of the developers."
    )
    quote = only_quote_with(body, "puppet")
    assert (quote.cue, quote.speaker) == ("accuse", "Grant")


def test_a_participle_sentence_after_a_sentence_without_a_named_subject_gets_no_speaker():
    body = "It rained all week in the valley. Going on to accuse the mayor of being a ‘puppet’ of the developers."
    assert all(q.speaker is None for q in quotes_of(body))


def test_a_hyphenated_surname_is_kept_whole_in_the_speaker_mention():
    body = '"You would think the business community would be up in arms over this," said Mr. Holtz-Varga, a former director.'
    assert only_quote_with(body, "up in arms").speaker == "Mr. Holtz-Varga"


def test_a_study_speaks_with_the_clause_that_names_who_made_it():
    body = "A 2014 study that appeared in the Harbour Medical Journal found that half of the advice was unsupported."
    quote = only_quote_with(body, "half of the advice")
    assert quote.speaker == "A 2014 study that appeared in the Harbour Medical Journal"


def test_a_long_or_comma_clause_stays_out_of_the_speaker_mention():
    body = "The minister, speaking in Kelby on Monday, said that the bridge would reopen in May."
    assert only_quote_with(body, "bridge would reopen").speaker == "The minister"


def test_a_reported_clause_ending_in_a_quoted_fragment_keeps_its_closing_mark():
    body = "Critics called the plan “a sham,” said Jones, who leads the group."
    quote = only_quote_with(body, "a sham")
    assert quote.text == "Critics called the plan “a sham,”"
    assert (quote.kind, quote.speaker) == ("mixed", "Jones")


def test_two_tagged_quotes_in_a_row_keep_their_own_speakers():
    body = "“Thank you,” Ortiz said. “We will build the new harbour wall next year,” Reyes replied."
    wall = only_quote_with(body, "harbour wall")
    assert wall.speaker == "Reyes"
    assert "Ortiz" not in wall.text


def test_a_first_name_that_is_also_a_verb_stays_in_the_speaker():
    body = "“We will rebuild the harbour wall before the winter storms arrive,” Hope Hicks told reporters."
    assert only_quote_with(body, "harbour wall").speaker == "Hope Hicks"


def test_a_capitalised_word_and_colon_opening_a_tagged_quote_is_not_a_transcript_label():
    body = "“COVID: the numbers keep rising in every district of the county,” the health minister said."
    quote = only_quote_with(body, "numbers keep rising")
    assert (quote.speaker, quote.cue) == ("the health minister", "said")
