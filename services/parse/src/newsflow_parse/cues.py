"""The words that report what someone said or thought: cue verbs and their forms.

spaCy's lemmatizer would name a verb's lemma, but it and the attribute ruler it
needs cost about as much as the parser on news text, and only the few hundred
cue verbs need a lemma here. So the lexicon lists lemmas and this module
inflects them once, at import: any form of a cue verb maps back to its lemma.
"""

from __future__ import annotations

import functools
from typing import Iterable

from newsflow_shared.wordlists import table, words

# Verbs of saying: their clausal complement is what was said.
SPEECH_VERBS = words("cues.speech_verbs")
# Verbs of believing and knowing: news attributes beliefs as it does speech ("officials fear
# that …"), and so does PolNeAR, the attribution corpus this is measured on.
BELIEF_VERBS = words("cues.belief_verbs")
# Belief verbs that also name witnessing: "would see prices rise" reports no one's belief.
PERCEPTION_VERBS = words("cues.perception_verbs")
# Verbs whose object, with a quoted word or phrase in it, is what the subject said:
# "called the plan “a disgrace”", "described him as a “strong leader”".
FRAGMENT_VERBS = words("cues.fragment_verbs")
# Verbs whose infinitive or object states what the subject asks for, intends or holds against
# someone, quoted or not: "urged Congress to act", "called for a review", "accused the mayor of
# lying", "refuses to release his returns", "declined to comment". News reports these as it
# reports speech, and PolNeAR, the attribution corpus this is measured on, annotates them so.
STANCE_VERBS = words("cues.stance_verbs")
# Verbs whose plain object is the target of a stance the subject takes, quoted or not:
# "questioned the health of the nominee", "defended his tweets", "supports Clinton", "Democrats
# want policies that …". PolNeAR, the attribution corpus this is measured on, annotates the
# object as the content; measured on its dev split and a train sample, each verb here was right
# far more often than not (hit, target, favor and welcome, which also means receiving someone,
# were not, and are left out).
EVALUATION_VERBS = words("cues.evaluation_verbs")
# Verbs of saying whose plain object is what was said, noted or raised: "cited derogatory
# comments", "announced the arrest of a man", "offered no proof", "polls show her ahead", "said
# the same of Sanders", "has said little about the plan", "tweeted a photo of …". Measured as
# above; "raise" only with an object in RAISED_NOUNS ("raised questions", not "raised $2 million").
SPOKEN_OBJECT_VERBS = words("cues.spoken_object_verbs")
# Verbs of speaking and the prepositions that say what they are about: "commented on the
# timetable", "apologized for the delays", "weighed in on whether …", "railed against the deal",
# "referred to the ferry as …".
PREPOSITIONAL_CUES = table("cues.prepositional_cues")
# Of these, verbs that speak through the preposition only with their particle: "weighed in on",
# not "weighed on the economy".
PARTICLE_CUES = table("cues.particle_cues")
# And those that report something only as an example or a sign of something: "pointed to the
# timetable as an example of …", not "pointed to the harbour".
AS_EXAMPLE_CUES = words("cues.as_example_cues")


def _with_plurals(nouns: Iterable[str]) -> frozenset[str]:
    """Each noun and its regular plural ("claim claims", "push pushes")."""
    return frozenset(
        form for noun in nouns for form in (noun, noun + ("es" if noun.endswith(("s", "sh", "ch", "x")) else "s"))
    )


# Objects whose clause is what was said: "denied the claims (that) …", "rejected the suggestion that …".
CLAIM_NOUNS = _with_plurals(words("cues.claim_nouns"))
# Nouns that hold what their owner says or holds true: "the union's claim that …".
CLAIM_NOUN_CUES = CLAIM_NOUNS - _with_plurals(words("cues.unowned_claim_nouns")) | _with_plurals(
    words("cues.owned_claim_nouns"))
# Nouns that hold what their owner intends or asks for, in an infinitive or after "for": "the
# mayor's plan to close the pier", "filed a motion to unseal the records", "sounded a call for …".
INTENT_NOUNS = _with_plurals(words("cues.intent_nouns")) | words("cues.intent_nouns_singular")
# Intent nouns whose content may follow "for": "a call for a review", "a demand for the city to act".
INTENT_FOR_NOUNS = _with_plurals(words("cues.intent_for_nouns"))
CUE_NOUNS = CLAIM_NOUN_CUES | INTENT_NOUNS
# What measures opinion: "In a CNN poll, Clinton led by 24 points" is what the poll found.
POLL_NOUNS = words("cues.poll_nouns")
# Verbs by which a subject makes an intent its own: "filed a motion to …", "renewed his call for …".
MAKING_VERBS = words("cues.making_verbs")
# Verbs whose passive subject is the one spoken to, not what was said: "was told by the mayor".
ADDRESSEE_VERBS = words("cues.addressee_verbs")
# Verbs whose object did what a gerund after them says: "accused the mayor of saying …", "fined the
# skipper for refusing …", "held him in contempt for refusing …".
OBJECT_OF_GERUND_VERBS = words("cues.object_of_gerund_verbs")
# Words of time that may stand between a verb and its preposition: "called Friday for …", "called in May for …".
DAY_WORDS = words("cues.day_words")
MONTHS = words("cues.months")
RAISED_NOUNS = words("cues.raised_nouns")
# Verbs that say what the subject takes something to be, with an object and its complement:
# "called the charges unsubstantiated", "saw the comment as a dig". Without the complement
# ("called the police", "saw the film") they report nothing.
CHARACTERIZING_VERBS = words("cues.characterizing_verbs")
# Verbs that introduce a quote after a colon or in its sentence, though they say nothing
# of speech alone ("He continued: “…”", "“…,” the diplomat finished.").
QUOTE_ONLY_VERBS = words("cues.quote_only_verbs")
CUE_VERBS = SPEECH_VERBS | BELIEF_VERBS
# Verbs whose object does what their infinitive or participle says: "forced the chief to admit",
# "left voters feeling that …", "urged aides to say". Other verbs with an object take an
# infinitive of purpose, the subject's own act: "used blunt language to denounce …".
OBJECT_CONTROL_VERBS = words("cues.object_control_verbs")

# Forms the suffix rules below get wrong.
IRREGULAR_FORMS = table("cues.irregular_forms")


def inflections(lemma: str) -> set[str]:
    """Regular forms of an English verb: -s, -ed, -ing with the usual spelling changes."""
    forms = {lemma}
    if lemma.endswith("e"):
        forms |= {lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    elif lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in "aeiou":
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    elif lemma.endswith(("s", "sh", "ch", "x", "z")):
        forms |= {lemma + "es", lemma + "ed", lemma + "ing"}
    else:
        forms |= {lemma + "s", lemma + "ed", lemma + "ing"}
    return forms


def forms_of(lemma: str) -> set[str]:
    """Every form of a lexicon verb: the regular inflections and the irregular ones listed above."""
    return inflections(lemma) | set(IRREGULAR_FORMS.get(lemma, "").split())


@functools.cache
def _lemma_of_form() -> dict[str, str]:
    table: dict[str, str] = {}
    lexicon = (CUE_VERBS | FRAGMENT_VERBS | STANCE_VERBS | EVALUATION_VERBS | SPOKEN_OBJECT_VERBS
               | CHARACTERIZING_VERBS | QUOTE_ONLY_VERBS | set(PREPOSITIONAL_CUES) | words("cues.other_cue_verbs"))
    for lemma in sorted(lexicon):
        for form in forms_of(lemma):
            table.setdefault(form, lemma)
    return table


@functools.cache
def _forms_of_all(lemmas: frozenset[str]) -> frozenset[str]:
    return frozenset(form for lemma in lemmas for form in forms_of(lemma))


def is_object_control_verb(word: str) -> bool:
    """Whether `word` is a form of a verb whose object does what its complement says."""
    return word.lower() in _forms_of_all(OBJECT_CONTROL_VERBS)


def holds_object_to_gerund(word: str) -> bool:
    """Whether `word` is a form of a verb whose object did what a gerund after it says ("fined … for refusing")."""
    return word.lower() in _forms_of_all(OBJECT_OF_GERUND_VERBS)


def is_making_verb(word: str) -> bool:
    """Whether `word` is a form of a verb that makes an intent its own ("filed a motion to …")."""
    return word.lower() in _forms_of_all(MAKING_VERBS)


def is_cue_noun(word: str) -> bool:
    """Whether `word` is a noun that can carry an attribution ("claim", "plan", "poll")."""
    return word.lower() in CUE_NOUNS or word.lower() in POLL_NOUNS


def verb_lemma(word: str) -> str | None:
    """The lexicon lemma of a form of a cue verb ("told" -> "tell"), None for any other word."""
    return _lemma_of_form().get(word.lower())
