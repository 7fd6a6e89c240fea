"""Speakers found despite the parser's slips. The parser's reading of a sentence varies with
its words, so each slip is written out here as the parse it produced on news text, and the
rules are checked on that parse."""

import spacy
from spacy.tokens import Doc

from newsflow_parse.attribution_speakers import speaker_of
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
