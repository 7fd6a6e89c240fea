"""Reported speech without a cue verb's active clause: a passive with its agent, a speaker's
claim or intent as a noun, "as X put it", and a verb of speaking with what it is about.

- "The plan was first reported by the Courier": a passive's subject is what its agent said
  or took a stance on;
- "the union's claim that the ferry was unsafe": a claim-like noun with its owner and its
  clause;
- "the mayor's plan to close the pier", "filed a motion to …", "sounded a call for …": an
  intent as a noun, with its owner or whoever makes it;
- "the ferry is a lifeline, as one islander put it": the clause is that islander's words;
- "Ms Lenz commented on the timetable", "apologized for the delays": the object of the
  preposition a verb of speaking takes is what was spoken of.

Each gives a clause (body offsets) and its attribution, as attribution_rules does.
"""

from __future__ import annotations

from spacy.tokens import Token

from newsflow_parse.attribution_speakers import NOUN_TAGS, RELATIVE_TAGS, attribution_of, is_usable_speaker, speaker_of
from newsflow_parse.cues import (
    ADDRESSEE_VERBS,
    AS_EXAMPLE_CUES,
    CLAIM_NOUN_CUES,
    INTENT_FOR_NOUNS,
    INTENT_NOUNS,
    PARTICLE_CUES,
    PREPOSITIONAL_CUES,
    is_making_verb,
)
from newsflow_parse.quote_nlp import ParsedPiece
from newsflow_parse.text_bounds import Reported, clause_around, reported, strip

# Words between a verb of speaking and its preposition: "weighed in Friday about".
MAX_PREPOSITION_GAP = 4
# A pronoun, a demonstrative or a relative stands for something elsewhere.
_PASSIVE_SUBJECT_EXCLUDED = ("PRP", "EX", "DT", *RELATIVE_TAGS)


def passive_content(piece: ParsedPiece, verb: Token, lemma: str) -> list[Reported]:
    """ "The registration issue was first reported by the Post": the passive subject, for the agent."""
    if lemma in ADDRESSEE_VERBS:
        return []
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    # "it was reported by X that …" is the clausal rule's.
    if subject is None or agent is None or subject.i > verb.i or subject.tag_ in _PASSIVE_SUBJECT_EXCLUDED:
        return []
    speaker = next((c for c in agent.children if c.dep_ == "pobj"), None)
    if not is_usable_speaker(speaker):
        return []
    bounds = strip(verb.doc, subject.left_edge.i, subject.right_edge.i)
    if bounds is None:
        return []
    return [reported(piece, bounds, attribution_of(verb, verb.text, speaker, piece.start))]


def noun_claim(piece: ParsedPiece, noun: Token) -> list[Reported]:
    """ "the union's claim that the ferry was unsafe": the clause, for the noun's owner."""
    if noun.lower_ not in CLAIM_NOUN_CUES:
        return []
    owner = next((c for c in noun.children if c.dep_ == "poss" and c.i < noun.i), None)
    clause = next((c for c in noun.children if c.dep_ in ("acl", "ccomp") and c.i > noun.i), None)
    if owner is None or clause is None or owner.tag_ not in (*NOUN_TAGS, "PRP$"):
        return []
    that = clause.left_edge
    if that.i != noun.i + 1 or that.lower_ != "that" or that.dep_ != "mark":
        return []  # "the union's claim filed in May": a clause on the noun, not its content
    bounds = strip(noun.doc, that.i + 1, clause.right_edge.i)
    if bounds is None:
        return []
    return [reported(piece, bounds, attribution_of(noun, noun.text, owner, piece.start))]


def noun_intent(piece: ParsedPiece, noun: Token) -> list[Reported]:
    """ "the mayor's plan to close the pier", "filed a motion to unseal the records", "sounded a call
    for more refugees": what the owner of an intent intends or asks for. Without an owner, the
    subject of a verb that makes the noun its own speaks ("rejected the plan to …" is no one's here)."""
    if noun.lower_ not in INTENT_NOUNS or noun.dep_ == "ROOT":
        return []  # a sentence without a verb is a misparse; its "content" runs anywhere
    doc = noun.doc
    content = next((c for c in noun.children if c.dep_ == "acl" and c.left_edge.i == noun.i + 1
                    and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)
    first = content.left_edge.i if content is not None else None
    if content is None and noun.lower_ in INTENT_FOR_NOUNS and noun.i + 2 < len(doc) and doc[noun.i + 1].lower_ == "for":
        # "a call for a review" (a preposition), "a call for the city to act" (a clause marked by "for")
        content = next((c for c in noun.children if c.i > noun.i and c.left_edge.i == noun.i + 1), None)
        if content is not None and content.dep_ == "prep":
            content = next((c for c in content.children if c.dep_ in ("pobj", "pcomp")), None)
        first = noun.i + 2
    if content is None:
        return []
    assert first is not None  # set with content
    owner = next((c for c in noun.children if c.dep_ == "poss" and c.tag_ in (*NOUN_TAGS, "PRP$")), None)
    # "renewed her call for …": whoever renews it, named, rather than the pronoun. Of a passive
    # ("were issued a plan to …") only the agent, if any, made it.
    maker = noun.head if noun.dep_ == "dobj" and is_making_verb(noun.head.text) else None
    if maker is not None and (owner is None or owner.tag_ == "PRP$"):
        owner = speaker_of(maker) or owner
    if not is_usable_speaker(owner):
        return []
    bounds = strip(doc, first, content.right_edge.i)
    if bounds is None or bounds[1] - bounds[0] < 1:
        return []
    return [reported(piece, bounds, attribution_of(noun, noun.text, owner, piece.start))]


def as_put_it(piece: ParsedPiece, shape: dict[str, Token]) -> list[Reported]:
    """ "the requirement is a lawful source of income, as a Homeland Security memo put it"
    (tree_patterns.AS_PUT_IT)."""
    verb, speaker = shape["verb"], shape["speaker"]
    if not is_usable_speaker(speaker):
        return []
    bounds = clause_around(piece, verb.head, verb.left_edge.i, verb.right_edge.i)
    if bounds is None or bounds[1] == bounds[0]:
        return []
    return [reported(piece, bounds, attribution_of(verb, verb.text, speaker, piece.start))]


def prepositional_content(piece: ParsedPiece, verb: Token, lemma: str) -> list[Reported]:
    """ "commented on the timetable", "apologized for the delays", "weighed in on whether …":
    what a verb of speaking is about, through the preposition it takes."""
    prepositions = PREPOSITIONAL_CUES[lemma]
    particle = PARTICLE_CUES.get(lemma)
    if particle is not None and (verb.i + 1 >= len(verb.doc) or verb.doc[verb.i + 1].lower_ != particle):
        return []  # "weighed on the economy" is no "weighed in on"
    # "weighed in Friday about": the parser may take the particle for a preposition of its own.
    phrase = next(
        (c for c in verb.rights if c.dep_ == "prep" and c.lower_ in prepositions and c.i - verb.i <= MAX_PREPOSITION_GAP),
        None,
    )
    if phrase is None or any(c.dep_ == "auxpass" for c in verb.children):
        return []
    content = next((c for c in phrase.children if c.dep_ in ("pobj", "pcomp")), None)
    if content is None:
        return []
    speaker = speaker_of(verb)
    if not is_usable_speaker(speaker):
        return []
    last = content.right_edge.i
    # "pointed to the timetable as an example of …": what it is taken for goes with it.
    taken_as = next((c for c in verb.rights if c.dep_ == "prep" and c.lower_ == "as" and c.i == last + 1), None)
    if taken_as is not None:
        last = taken_as.right_edge.i
    elif lemma in AS_EXAMPLE_CUES and not any(t.lower_ == "as" and t.dep_ == "prep" for t in content.subtree):
        return []
    bounds = strip(verb.doc, phrase.i + 1, last)
    if bounds is None or bounds[1] - bounds[0] < 1:
        return []  # "talked about it": one word says nothing
    return [reported(piece, bounds, attribution_of(verb, verb.text, speaker, piece.start))]
