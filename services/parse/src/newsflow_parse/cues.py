"""The words that report what someone said or thought: cue verbs and their forms.

spaCy's lemmatizer would name a verb's lemma, but it and the attribute ruler it
needs cost about as much as the parser on news text, and only the few hundred
cue verbs need a lemma here. So the lexicon lists lemmas and this module
inflects them once, at import: any form of a cue verb maps back to its lemma.
"""

from __future__ import annotations

import functools

# Verbs of saying: their clausal complement is what was said.
SPEECH_VERBS = frozenset(
    """
    say tell add state announce claim argue insist deny explain note warn write report confirm
    acknowledge admit suggest predict promise vow pledge declare assert maintain reply respond recall
    reveal stress emphasize emphasise tweet post observe remark comment concede contend allege complain
    conclude agree indicate hint estimate testify urge ask answer repeat reiterate joke quip boast brag
    lament mention disclose inform assure advise caution counter retort rebut charge cry shout yell
    whisper scream exclaim muse speculate wonder question demand propose recommend threaten forecast
    signal affirm clarify elaborate email text blog tout concur grumble scoff sneer snap protest
    object accuse dispute reason theorize theorise specify proclaim pronounce admonish plead recount
    point
    """.split()
)
# Verbs of believing and knowing: news attributes beliefs as it does speech ("officials fear
# that …"), and so does PolNeAR, the attribution corpus this is measured on.
BELIEF_VERBS = frozenset(
    """
    believe think feel know fear hope expect worry doubt suspect assume realize realise understand
    reckon figure consider imagine suppose recognize recognise learn hear see find show wish trust
    bet presume guess sense
    """.split()
)
# Belief verbs that also name witnessing: "would see prices rise" reports no one's belief.
PERCEPTION_VERBS = frozenset({"see", "hear", "feel"})
# Verbs whose object, with a quoted word or phrase in it, is what the subject said:
# "called the plan “a disgrace”", "described him as a “strong leader”".
FRAGMENT_VERBS = frozenset(
    """
    call describe label dub term brand characterize characterise praise criticize criticise slam blast
    attack accuse decry denounce dismiss deride mock ridicule condemn hail laud tout blame thank applaud
    cite invoke lament defend reject deny question warn promise vow pledge urge demand refer liken
    compare
    """.split()
)
# Verbs whose infinitive or object states what the subject asks for, intends or holds against
# someone, quoted or not: "urged Congress to act", "called for a review", "accused the mayor of
# lying", "refuses to release his returns", "declined to comment". News reports these as it
# reports speech, and PolNeAR, the attribution corpus this is measured on, annotates them so.
STANCE_VERBS = frozenset(
    """
    urge ask call demand promise vow pledge threaten refuse propose want plan intend seek
    encourage accuse criticize criticise blame condemn denounce praise agree decline hope
    """.split()
)
# Verbs whose plain object is the target of a stance the subject takes, quoted or not:
# "questioned the health of the nominee", "defended his tweets", "supports Clinton", "Democrats
# want policies that …". PolNeAR, the attribution corpus this is measured on, annotates the
# object as the content; measured on its dev split and a train sample, each verb here was right
# far more often than not (hit, target, favor and welcome, which also means receiving someone,
# were not, and are left out).
EVALUATION_VERBS = frozenset(
    """
    question defend criticize criticise praise dismiss reject liken compare blast slam attack condemn
    denounce accuse blame dispute applaud hail laud mock ridicule deride decry endorse support back
    oppose challenge chastise fault scold rebuke lambaste excoriate assail berate castigate
    embrace want admire prefer tout
    """.split()
)
# Verbs of saying whose plain object is what was said, noted or raised: "cited derogatory
# comments", "announced the arrest of a man", "offered no proof", "polls show her ahead".
# Measured as above; "raise" only with an object in RAISED_NOUNS ("raised questions", not
# "raised $2 million").
SPOKEN_OBJECT_VERBS = frozenset(
    """
    cite mention note announce reveal propose acknowledge recall invoke discuss offer echo describe
    report claim explain predict promise pledge deny confirm admit suggest recommend emphasize stress
    highlight reiterate repeat concede express voice raise show publish urge demand
    """.split()
)
# Verbs of speaking and the prepositions that say what they are about: "commented on the
# timetable", "apologized for the delays", "weighed in on whether …", "railed against the deal".
PREPOSITIONAL_CUES = {
    "comment": ("on", "about"), "speak": ("about", "of", "against"), "talk": ("about",),
    "complain": ("about", "of"), "rail": ("against",), "caution": ("against",), "warn": ("against", "about", "of"),
    "apologize": ("for",), "apologise": ("for",), "weigh": ("on", "about"), "testify": ("about", "on"),
    "write": ("about", "of"), "boast": ("about", "of"), "brag": ("about",), "joke": ("about",),
    "remark": ("on",), "elaborate": ("on",), "argue": ("for", "against"), "point": ("to",),
}
# Of these, verbs that speak through the preposition only with their particle: "weighed in on",
# not "weighed on the economy".
PARTICLE_CUES = {"weigh": "in"}
# And those that report something only as an example or a sign of something: "pointed to the
# timetable as an example of …", not "pointed to the harbour".
AS_EXAMPLE_CUES = frozenset({"point"})


def _with_plurals(nouns: str) -> frozenset[str]:
    """Each noun and its regular plural ("claim claims", "push pushes")."""
    return frozenset(
        form for noun in nouns.split() for form in (noun, noun + ("es" if noun.endswith(("s", "sh", "ch", "x")) else "s"))
    )


# Objects whose clause is what was said: "denied the claims (that) …", "rejected the suggestion that …".
CLAIM_NOUNS = _with_plurals("claim allegation suggestion report accusation charge assertion notion idea rumor rumour")
# Nouns that hold what their owner says or holds true: "the union's claim that …".
CLAIM_NOUN_CUES = CLAIM_NOUNS - {"report", "reports", "idea", "ideas", "notion", "notions"} | _with_plurals(
    "argument contention insistence warning promise pledge statement belief view"
)
# Nouns that hold what their owner intends or asks for, in an infinitive or after "for": "the
# mayor's plan to close the pier", "filed a motion to unseal the records", "sounded a call for …".
INTENT_NOUNS = _with_plurals("plan proposal motion bid effort attempt call demand request promise pledge vow threat push") | {
    "decision",
    "refusal",
}
# Intent nouns whose content may follow "for": "a call for a review", "a demand for the city to act".
INTENT_FOR_NOUNS = _with_plurals("call demand request push bid")
CUE_NOUNS = CLAIM_NOUN_CUES | INTENT_NOUNS
# Verbs by which a subject makes an intent its own: "filed a motion to …", "renewed his call for …".
MAKING_VERBS = frozenset("file make issue launch sound renew repeat lead mount submit lodge introduce step unveil".split())
# Verbs whose passive subject is the one spoken to, not what was said: "was told by the mayor".
ADDRESSEE_VERBS = frozenset("tell ask urge advise inform warn assure remind encourage caution admonish".split())
# Verbs whose object did what a gerund after them says: "accused the mayor of saying …", "fined the
# skipper for refusing …", "held him in contempt for refusing …".
OBJECT_OF_GERUND_VERBS = frozenset(
    "accuse criticize criticise blame praise thank condemn denounce attack fault fine sue punish penalize "
    "penalise sanction arrest hold jail charge reward credit".split()
)
# Words of time that may stand between a verb and its preposition: "called Friday for …", "called in May for …".
DAY_WORDS = frozenset("monday tuesday wednesday thursday friday saturday sunday today yesterday tonight".split())
MONTHS = frozenset(
    "january february march april may june july august september october november december".split()
)
RAISED_NOUNS = frozenset(
    "question questions concern concerns issue issues doubt doubts objection objections possibility prospect "
    "alarm alarms".split()
)
# Verbs that say what the subject takes something to be, with an object and its complement:
# "called the charges unsubstantiated", "saw the comment as a dig". Without the complement
# ("called the police", "saw the film") they report nothing.
CHARACTERIZING_VERBS = frozenset(
    "call label dub brand term view regard see consider characterize characterise paint portray depict cast".split()
)
# Verbs that introduce a quote after a colon or in its sentence, though they say nothing
# of speech alone ("He continued: “…”", "“…,” the diplomat finished.").
QUOTE_ONLY_VERBS = frozenset("continue finish begin start go conclude sum open close put chant sing".split())
CUE_VERBS = SPEECH_VERBS | BELIEF_VERBS
# Verbs whose object does what their infinitive or participle says: "forced the chief to admit",
# "left voters feeling that …", "urged aides to say". Other verbs with an object take an
# infinitive of purpose, the subject's own act: "used blunt language to denounce …".
OBJECT_CONTROL_VERBS = frozenset(
    """
    force lead leave ask urge tell persuade convince encourage prompt push press pressure get cause
    compel invite allow permit expect want need challenge inspire drive oblige require order
    """.split()
)

# Forms the suffix rules below get wrong.
IRREGULAR_FORMS = {
    "say": "said says",
    "tell": "told",
    "write": "wrote written writ",
    "think": "thought",
    "know": "knew known",
    "feel": "felt",
    "hear": "heard",
    "see": "saw seen",
    "find": "found",
    "show": "shown",
    "understand": "understood",
    "go": "went gone goes",
    "begin": "began begun",
    "bet": "bet betting",
    "put": "put putting",
    "forecast": "forecast",
    "learn": "learnt",
    "cry": "cried cries",
    "lay": "laid",
    "spin": "spun",
    "speak": "spoke spoken",
    "swear": "swore sworn",
    "sing": "sang sung",
    "sum": "summed summing",
    "quip": "quipped quipping",
    "plead": "pled",
    "admit": "admitted admitting",
    "regret": "regretted regretting",
    "refer": "referred referring",
    "rebut": "rebutted rebutting",
    "snap": "snapped snapping",
    "text": "texted texting texts",
    "plan": "planned planning",
    "seek": "sought",
    "lead": "led",
    "make": "made",
    "hold": "held",
    "leave": "left",
    "get": "got gotten getting",
    "drive": "drove driven",
}


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
               | CHARACTERIZING_VERBS | QUOTE_ONLY_VERBS | set(PREPOSITIONAL_CUES) | {"speak", "swear"})
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
    """Whether `word` is a noun that can carry an attribution ("claim", "plan")."""
    return word.lower() in CUE_NOUNS


def verb_lemma(word: str) -> str | None:
    """The lexicon lemma of a form of a cue verb ("told" -> "tell"), None for any other word."""
    return _lemma_of_form().get(word.lower())
