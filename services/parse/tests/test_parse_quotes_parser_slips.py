"""Speakers found despite the parser's slips. The parser's reading of a sentence varies with
its words, so each slip is written out here as the parse it produced on news text, and the
rules are checked on that parse."""

import spacy
from spacy.tokens import Doc

from newsflow_parse.attribution_rules import find_reported
from newsflow_parse.attribution_speakers import mention_bounds, speaker_of
from newsflow_parse.quote_attribution import attribute_quote
from newsflow_parse.quote_nlp import ParsedPiece

VOCAB = spacy.blank("en").vocab


def parsed(rows):
    """A Doc from (word, tag, dep, head index) rows; a row whose head is itself is the root."""
    words, tags, deps, heads = zip(*rows)
    return Doc(VOCAB, words=list(words), tags=list(tags), deps=list(deps), heads=list(heads))


# "On Monday, Col. Mara Olsen, a coastguard spokeswoman, said, “We close the lane.”", with the
# name hung on the date and the cue left without a subject.
NAME_HUNG_ON_A_DATE = [
    ("On", "IN", "prep", 11), ("Monday", "NNP", "pobj", 0), (",", ",", "punct", 1),
    ("Col.", "NNP", "compound", 5), ("Mara", "NNP", "compound", 5), ("Olsen", "NNP", "appos", 1),
    (",", ",", "punct", 5), ("a", "DT", "det", 9), ("coastguard", "NN", "compound", 9),
    ("spokeswoman", "NN", "appos", 5), (",", ",", "punct", 11), ("said", "VBD", "ROOT", 11),
    (",", ",", "punct", 11), ("“", "``", "punct", 15), ("We", "PRP", "nsubj", 15),
    ("close", "VBP", "ccomp", 11), ("the", "DT", "det", 17), ("lane", "NN", "dobj", 15),
    (".", ".", "punct", 11), ("”", "''", "punct", 11),
]


def test_a_name_whose_appositive_ends_at_the_comma_before_a_subjectless_cue_speaks():
    doc = parsed(NAME_HUNG_ON_A_DATE)

    assert speaker_of(doc[11]).text == "Olsen"


# "At a packed meeting of the harbour board Tom Berrick (Labour) said the pier would reopen.", with
# no comma after the opening phrase: the parser takes the name into it and leaves "said" no subject.
NAME_TAKEN_INTO_AN_OPENING_PHRASE = [
    ("At", "IN", "prep", 13), ("a", "DT", "det", 3), ("packed", "VBN", "amod", 3), ("meeting", "NN", "pobj", 0),
    ("of", "IN", "prep", 3), ("the", "DT", "det", 7), ("harbour", "NNP", "compound", 7), ("board", "NN", "pobj", 4),
    ("Tom", "NNP", "compound", 9), ("Berrick", "NNP", "appos", 7), ("(", "-LRB-", "punct", 9),
    ("Labour", "NNP", "appos", 9), (")", "-RRB-", "punct", 9), ("said", "VBD", "ROOT", 13), ("the", "DT", "det", 15),
    ("pier", "NN", "nsubj", 17), ("would", "MD", "aux", 17), ("reopen", "VB", "ccomp", 13), (".", ".", "punct", 13),
]


def test_a_name_right_before_a_subjectless_cue_or_its_bracket_speaks():
    doc = parsed(NAME_TAKEN_INTO_AN_OPENING_PHRASE)

    assert speaker_of(doc[13]).text == "Berrick"


# "Ann Lee spoke in Kelby, Norway, arguing that fares rise.": the participle's speaker is its
# main verb's subject, not the place whose appositive ends before it.
PARTICIPLE_AFTER_A_PLACE = [
    ("Ann", "NNP", "compound", 1), ("Lee", "NNP", "nsubj", 2), ("spoke", "VBD", "ROOT", 2),
    ("in", "IN", "prep", 2), ("Kelby", "NNP", "pobj", 3), (",", ",", "punct", 4),
    ("Norway", "NNP", "appos", 4), (",", ",", "punct", 2), ("arguing", "VBG", "advcl", 2),
    ("that", "IN", "mark", 11), ("fares", "NNS", "nsubj", 11), ("rise", "VBP", "ccomp", 8),
    (".", ".", "punct", 2),
]


def test_a_participle_after_a_place_and_its_appositive_keeps_its_main_verbs_subject():
    doc = parsed(PARTICIPLE_AFTER_A_PLACE)

    assert speaker_of(doc[8]).text == "Lee"


# "Okafor delivered a retort: “No one is closing it.”", with the clause before the colon hung
# on the quote's verb.
COLON_HUNG_ON_THE_QUOTE = [
    ("Okafor", "NNP", "nsubj", 1), ("delivered", "VBD", "ccomp", 9), ("a", "DT", "det", 3),
    ("retort", "NN", "dobj", 1), (":", ":", "punct", 9), ("“", "``", "punct", 9),
    ("No", "DT", "det", 7), ("one", "NN", "nsubj", 9), ("is", "VBZ", "aux", 9),
    ("closing", "VBG", "ROOT", 9), ("it", "PRP", "dobj", 9), (".", ".", "punct", 9),
    ("”", "''", "punct", 9),
]


def test_the_clause_before_a_colon_introduces_the_quote_even_when_hung_on_it():
    piece = ParsedPiece(parsed(COLON_HUNG_ON_THE_QUOTE), 0)
    start = piece.text.index("No one")
    end = piece.text.index(".") + 1

    attribution = attribute_quote(piece, start, end)

    assert attribution.cue == "delivered"
    assert piece.text[attribution.speaker_start : attribution.speaker_end] == "Okafor"


# "Ed Moss called her a born negotiator. “She never gave up.”", the opening mark parsed into the
# quote's own sentence; and the same quote after a sentence that reports nobody's words.
def quote_after(first_sentence):
    n = len(first_sentence)
    quote = [
        ("“", "``", "punct", n + 3), ("She", "PRP", "nsubj", n + 3), ("never", "RB", "neg", n + 3),
        ("gave", "VBD", "ROOT", n + 3), ("up", "RP", "prt", n + 3), (".", ".", "punct", n + 3),
        ("”", "''", "punct", n + 3),
    ]
    piece = ParsedPiece(parsed(first_sentence + quote), 0)
    return attribute_quote(piece, piece.text.index("She"), piece.text.rindex(".") + 1), piece.text


CALLED_HER = [
    ("Ed", "NNP", "compound", 1), ("Moss", "NNP", "nsubj", 2), ("called", "VBD", "ROOT", 2),
    ("her", "PRP", "dobj", 2), ("a", "DT", "det", 6), ("born", "JJ", "amod", 6),
    ("negotiator", "NN", "oprd", 2), (".", ".", "punct", 2),
]
FERRY_LEFT = [("The", "DT", "det", 1), ("ferry", "NN", "nsubj", 2), ("left", "VBD", "ROOT", 2), (".", ".", "punct", 2)]


def test_a_quote_that_is_a_sentence_of_its_own_continues_the_cue_of_the_sentence_before():
    attribution, text = quote_after(CALLED_HER)
    assert attribution.cue == "called"
    assert text[attribution.speaker_start : attribution.speaker_end] == "Ed Moss"

    attribution, _ = quote_after(FERRY_LEFT)
    assert attribution is None


# "The reasons that Ellis refuses to reopen it are unclear.", with the relative pronoun made a
# second subject of the clause beside its own.
RELATIVE_PRONOUN_BESIDE_A_SUBJECT = [
    ("The", "DT", "det", 1), ("reasons", "NNS", "nsubj", 8), ("that", "WDT", "nsubj", 4),
    ("Ellis", "NNP", "nsubj", 4), ("refuses", "VBZ", "relcl", 1), ("to", "TO", "aux", 6),
    ("reopen", "VB", "xcomp", 4), ("it", "PRP", "dobj", 6), ("are", "VBP", "ROOT", 8),
    ("unclear", "JJ", "acomp", 8), (".", ".", "punct", 8),
]


def test_a_relative_clause_with_a_subject_of_its_own_is_spoken_by_that_subject():
    doc = parsed(RELATIVE_PRONOUN_BESIDE_A_SUBJECT)

    assert speaker_of(doc[4]).text == "Ellis"


# "Lenz held a briefing to announce that fares rise.": an infinitive of purpose on the object.
INFINITIVE_ON_AN_OBJECT = [
    ("Lenz", "NNP", "nsubj", 1), ("held", "VBD", "ROOT", 1), ("a", "DT", "det", 3),
    ("briefing", "NN", "dobj", 1), ("to", "TO", "aux", 5), ("announce", "VB", "relcl", 3),
    ("that", "IN", "mark", 8), ("fares", "NNS", "nsubj", 8), ("rise", "VBP", "ccomp", 5),
    (".", ".", "punct", 1),
]
# "Okafor is the only councillor to have promised to keep it.": an infinitive on the predicate.
INFINITIVE_ON_A_PREDICATE = [
    ("Okafor", "NNP", "nsubj", 1), ("is", "VBZ", "ROOT", 1), ("the", "DT", "det", 4),
    ("only", "JJ", "amod", 4), ("councillor", "NN", "attr", 1), ("to", "TO", "aux", 7),
    ("have", "VB", "aux", 7), ("promised", "VBN", "relcl", 4), ("to", "TO", "aux", 9),
    ("keep", "VB", "xcomp", 7), ("it", "PRP", "dobj", 9), (".", ".", "punct", 1),
]
# "Hale ran on his promise to rebuild the pier and accused the council of neglect.", the finite
# verb joined to the infinitive on "promise" rather than to "ran".
FINITE_VERB_JOINED_TO_AN_INFINITIVE = [
    ("Hale", "NNP", "nsubj", 1), ("ran", "VBD", "ROOT", 1), ("on", "IN", "prep", 1),
    ("his", "PRP$", "poss", 4), ("promise", "NN", "pobj", 2), ("to", "TO", "aux", 6),
    ("rebuild", "VB", "acl", 4), ("the", "DT", "det", 8), ("pier", "NN", "dobj", 6),
    ("and", "CC", "cc", 6), ("accused", "VBD", "conj", 6), ("the", "DT", "det", 12),
    ("council", "NN", "dobj", 10), ("of", "IN", "prep", 10), ("neglect", "NN", "pobj", 13),
    (".", ".", "punct", 1),
]


def test_an_infinitive_on_a_noun_is_spoken_by_the_subject_of_the_clause_the_noun_is_in():
    assert speaker_of(parsed(INFINITIVE_ON_AN_OBJECT)[5]).text == "Lenz"
    assert speaker_of(parsed(INFINITIVE_ON_A_PREDICATE)[7]).text == "Okafor"
    assert speaker_of(parsed(FINITE_VERB_JOINED_TO_AN_INFINITIVE)[10]).text == "Hale"


# "The board fined a skipper who said he was late, saying, “Rules are rules.”", the participle
# hung on the relative clause.
PARTICIPLE_HUNG_ON_A_RELATIVE_CLAUSE = [
    ("The", "DT", "det", 1), ("board", "NN", "nsubj", 2), ("fined", "VBD", "ROOT", 2),
    ("a", "DT", "det", 4), ("skipper", "NN", "dobj", 2), ("who", "WP", "nsubj", 6),
    ("said", "VBD", "relcl", 4), ("he", "PRP", "nsubj", 8), ("was", "VBD", "ccomp", 6),
    ("late", "JJ", "acomp", 8), (",", ",", "punct", 6), ("saying", "VBG", "advcl", 6),
    (",", ",", "punct", 11), ("“", "``", "punct", 15), ("Rules", "NNS", "nsubj", 15),
    ("are", "VBP", "ccomp", 11), ("rules", "NNS", "attr", 15), (".", ".", "punct", 2),
    ("”", "''", "punct", 2),
]
# "Ross was defensive when forced to defend not paying a builder who said he was owed, saying,
# “He failed.”": the main clause is five verbs up from the participle.
PARTICIPLE_HUNG_ON_A_RELATIVE_CLAUSE_DEEP_DOWN = [
    ("Ross", "NNP", "nsubj", 1), ("was", "VBD", "ROOT", 1), ("defensive", "JJ", "acomp", 1),
    ("when", "WRB", "advmod", 4), ("forced", "VBN", "advcl", 1), ("to", "TO", "aux", 6),
    ("defend", "VB", "xcomp", 4), ("not", "RB", "neg", 8), ("paying", "VBG", "xcomp", 6),
    ("a", "DT", "det", 10), ("builder", "NN", "dobj", 8), ("who", "WP", "nsubj", 12),
    ("said", "VBD", "relcl", 10), ("he", "PRP", "nsubjpass", 15), ("was", "VBD", "auxpass", 15),
    ("owed", "VBN", "ccomp", 12), (",", ",", "punct", 12), ("saying", "VBG", "advcl", 12),
    (",", ",", "punct", 17), ("“", "``", "punct", 21), ("He", "PRP", "nsubj", 21),
    ("failed", "VBD", "ccomp", 17), (".", ".", "punct", 1), ("”", "''", "punct", 1),
]
# "Dunn dismissed claims that the operator is breaking rules — saying inspectors found nothing.",
# the participle hung on the clause of "claims".
PARTICIPLE_HUNG_ON_A_CLAIM = [
    ("Dunn", "NNP", "nsubj", 1), ("dismissed", "VBD", "ROOT", 1), ("claims", "NNS", "dobj", 1),
    ("that", "IN", "mark", 7), ("the", "DT", "det", 5), ("operator", "NN", "nsubj", 7),
    ("is", "VBZ", "aux", 7), ("breaking", "VBG", "acl", 2), ("rules", "NNS", "dobj", 7),
    ("—", ":", "punct", 10), ("saying", "VBG", "advcl", 7), ("inspectors", "NNS", "nsubj", 12),
    ("found", "VBD", "ccomp", 10), ("nothing", "NN", "dobj", 12), (".", ".", "punct", 1),
]
# "Fares rose, with Dunn — who chairs the board — lambasting the plan.": the dashes pair around
# the relative clause, and the participle goes on from Dunn.
PARTICIPLE_AFTER_A_CLAUSE_BETWEEN_DASHES = [
    ("Fares", "NNS", "nsubj", 1), ("rose", "VBD", "ROOT", 1), (",", ",", "punct", 1),
    ("with", "IN", "prep", 1), ("Dunn", "NNP", "pobj", 3), ("—", ":", "punct", 4),
    ("who", "WP", "nsubj", 7), ("chairs", "VBZ", "relcl", 4), ("the", "DT", "det", 9),
    ("board", "NN", "dobj", 7), ("—", ":", "punct", 11), ("lambasting", "VBG", "advcl", 7),
    ("the", "DT", "det", 13), ("plan", "NN", "dobj", 11), (".", ".", "punct", 1),
]


def test_a_participle_after_a_comma_or_dash_hung_on_a_clause_in_a_noun_phrase_goes_on_from_the_main_clause():
    assert speaker_of(parsed(PARTICIPLE_HUNG_ON_A_RELATIVE_CLAUSE)[11]).text == "board"
    assert speaker_of(parsed(PARTICIPLE_HUNG_ON_A_CLAIM)[10]).text == "Dunn"
    assert speaker_of(parsed(PARTICIPLE_HUNG_ON_A_RELATIVE_CLAUSE_DEEP_DOWN)[17]).text == "Ross"


def test_a_participle_after_a_relative_clause_set_off_by_dashes_goes_on_from_its_noun():
    doc = parsed(PARTICIPLE_AFTER_A_CLAUSE_BETWEEN_DASHES)

    speaker = speaker_of(doc[11])

    assert doc.text[slice(*mention_bounds(speaker))] == "Dunn"


# "Lenz fired back a response saying fares would rise."
RESPONSE_SAYING = [
    ("Lenz", "NNP", "nsubj", 1), ("fired", "VBD", "ROOT", 1), ("back", "RP", "advmod", 1),
    ("a", "DT", "det", 4), ("response", "NN", "dobj", 1), ("saying", "VBG", "acl", 4),
    ("fares", "NNS", "nsubj", 8), ("would", "MD", "aux", 8), ("rise", "VB", "ccomp", 5),
    (".", ".", "punct", 1),
]


def test_a_response_speaks_for_whoever_sent_it():
    assert speaker_of(parsed(RESPONSE_SAYING)[5]).text == "Lenz"


# "Sea Links, a ferry operator that opposed the toll, cut fares."
RELATIVE_CLAUSE_ON_AN_APPOSITIVE = [
    ("Sea", "NNP", "compound", 1), ("Links", "NNP", "nsubj", 11), (",", ",", "punct", 1),
    ("a", "DT", "det", 5), ("ferry", "NN", "compound", 5), ("operator", "NN", "appos", 1),
    ("that", "WDT", "nsubj", 7), ("opposed", "VBD", "relcl", 5), ("the", "DT", "det", 9),
    ("toll", "NN", "dobj", 7), (",", ",", "punct", 1), ("cut", "VBD", "ROOT", 11),
    ("fares", "NNS", "dobj", 11), (".", ".", "punct", 11),
]
# "Tomas Berg, the only councillor to oppose the toll, spoke."
INFINITIVE_ON_AN_APPOSITIVE = [
    ("Tomas", "NNP", "compound", 1), ("Berg", "NNP", "nsubj", 11), (",", ",", "punct", 1),
    ("the", "DT", "det", 5), ("only", "JJ", "amod", 5), ("councillor", "NN", "appos", 1),
    ("to", "TO", "aux", 7), ("oppose", "VB", "acl", 5), ("the", "DT", "det", 9),
    ("toll", "NN", "dobj", 7), (",", ",", "punct", 1), ("spoke", "VBD", "ROOT", 11),
    (".", ".", "punct", 11),
]
# "Rain flooded Kelby, a local paper urged the mayor to act.": a main clause the parser hung on
# the place as a relative clause without a relative pronoun; the place is no speaker.
MAIN_CLAUSE_HUNG_ON_AN_APPOSITIVE = [
    ("Rain", "NN", "nsubj", 1), ("flooded", "VBD", "ROOT", 1), ("Kelby", "NNP", "dobj", 1),
    (",", ",", "punct", 2), ("a", "DT", "det", 6), ("local", "JJ", "amod", 6),
    ("paper", "NN", "appos", 2), ("urged", "VBD", "relcl", 6), ("the", "DT", "det", 9),
    ("mayor", "NN", "dobj", 7), ("to", "TO", "aux", 11), ("act", "VB", "xcomp", 7),
    (".", ".", "punct", 1),
]


def test_a_clause_on_an_appositive_is_spoken_by_the_name_the_appositive_describes():
    doc = parsed(RELATIVE_CLAUSE_ON_AN_APPOSITIVE)
    assert doc.text[slice(*mention_bounds(speaker_of(doc[7])))] == "Sea Links"

    doc = parsed(INFINITIVE_ON_AN_APPOSITIVE)
    assert doc.text[slice(*mention_bounds(speaker_of(doc[7])))] == "Tomas Berg"

    assert speaker_of(parsed(MAIN_CLAUSE_HUNG_ON_AN_APPOSITIVE)[7]).text == "paper"


# "Ms Ruiz tweeted in the early hours that the pier was unsafe.", with the clause taken for an
# adverbial one and "that" for an adverb, as the parser did on news text with a phrase before "that".
THAT_CLAUSE_TAKEN_FOR_AN_ADVERBIAL = [
    ("Ms", "NNP", "compound", 1), ("Ruiz", "NNP", "nsubj", 2), ("tweeted", "VBD", "ROOT", 2),
    ("in", "IN", "prep", 2), ("the", "DT", "det", 6), ("early", "JJ", "amod", 6), ("hours", "NNS", "pobj", 3),
    ("that", "RB", "advmod", 10), ("the", "DT", "det", 9), ("pier", "NN", "nsubj", 10), ("was", "VBD", "advcl", 2),
    ("unsafe", "JJ", "acomp", 10), (".", ".", "punct", 2),
]


def test_a_that_clause_the_parser_takes_for_an_adverbial_one_is_still_what_was_said():
    piece = ParsedPiece(parsed(THAT_CLAUSE_TAKEN_FOR_AN_ADVERBIAL), 0)
    [clause] = find_reported(piece)

    assert (piece.text[clause.start : clause.end], clause.rule) == ("that the pier was unsafe", "complement-clause")

    # "so that" opens a clause of purpose, not a reported one.
    rows = [*THAT_CLAUSE_TAKEN_FOR_AN_ADVERBIAL[:7], ("so", "RB", "advmod", 10), *THAT_CLAUSE_TAKEN_FOR_AN_ADVERBIAL[7:]]
    rows = [(w, t, d, h + 1 if h >= 7 else h) for w, t, d, h in rows]
    assert not find_reported(ParsedPiece(parsed(rows), 0))
