"""Reported speech without a cue verb's active clause: a passive with its agent, a speaker's
claim as a noun, "as X put it", and a verb of speaking with what it is about.

- "The plan was first reported by the Courier": a passive's subject is what its agent said
  or took a stance on;
- "the union's claim that the ferry was unsafe": a claim-like noun with its owner and its
  clause;
- "the ferry is a lifeline, as one islander put it": the clause is that islander's words;
- "Ms Lenz commented on the timetable", "apologized for the delays": the object of the
  preposition a verb of speaking takes is what was spoken of.

Each gives a clause (body offsets) and its attribution, as attribution_rules does.
"""

from __future__ import annotations

from spacy.tokens import Token

from newsflow_parse.attribution_speakers import NOUN_TAGS, RELATIVE_TAGS, attribution_of, is_usable_speaker, speaker_of
from newsflow_parse.cues import PREPOSITIONAL_CUES
from newsflow_parse.quote_nlp import ParsedPiece
from newsflow_parse.text_bounds import Reported, clause_around, reported, strip

# Verbs whose passive subject is the one spoken to, not what was said: "was told by the mayor".
ADDRESSEE_VERBS = frozenset("tell ask urge advise inform warn assure remind encourage caution admonish".split())
# Nouns that hold what their owner says or holds true: "the union's claim that …".
CLAIM_NOUN_CUES = frozenset(
    "claim claims assertion assertions allegation allegations argument contention insistence warning "
    "promise pledge accusation accusations suggestion statement belief view".split()
)
_PASSIVE_SUBJECT_EXCLUDED = ("PRP", "EX", *RELATIVE_TAGS)


def passive_content(piece: ParsedPiece, verb: Token, lemma: str) -> list[Reported]:
    """ "The registration issue was first reported by the Post": the passive subject, for the agent."""
    if lemma in ADDRESSEE_VERBS:
        return []
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    # A pronoun or relative subject stands for something elsewhere; "it was reported by X that …"
    # is the clausal rule's.
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


def as_put_it(piece: ParsedPiece, verb: Token) -> list[Reported]:
    """ "the requirement is a lawful source of income, as a Homeland Security memo put it"."""
    if verb.dep_ != "advcl" or not verb.head.tag_.startswith(("VB", "MD")):
        return []
    children = list(verb.children)
    if not any(c.dep_ == "mark" and c.lower_ == "as" for c in children) or not any(
        c.dep_ == "dobj" and c.lower_ == "it" for c in children
    ):
        return []
    speaker = next((c for c in children if c.dep_ == "nsubj"), None)
    if not is_usable_speaker(speaker):
        return []
    bounds = clause_around(piece, verb.head, verb.left_edge.i, verb.right_edge.i)
    if bounds is None or bounds[1] == bounds[0]:
        return []
    return [reported(piece, bounds, attribution_of(verb, verb.text, speaker, piece.start))]


def prepositional_content(piece: ParsedPiece, verb: Token, lemma: str) -> list[Reported]:
    """ "commented on the timetable", "apologized for the delays", "weighed in on whether …":
    what a verb of speaking is about, through the preposition it takes."""
    prepositions = PREPOSITIONAL_CUES.get(lemma, ())
    # "weighed in Friday about": the parser may take the particle for a preposition of its own.
    phrase = next(
        (c for c in verb.rights if c.dep_ == "prep" and c.lower_ in prepositions and c.i - verb.i <= 4),
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
    bounds = strip(verb.doc, phrase.i + 1, content.right_edge.i)
    if bounds is None or bounds[1] - bounds[0] < 1:
        return []  # "talked about it": one word says nothing
    return [reported(piece, bounds, attribution_of(verb, verb.text, speaker, piece.start))]
