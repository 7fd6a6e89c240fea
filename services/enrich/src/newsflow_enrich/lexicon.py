"""Word lists the rules rely on: ordinary English vocabulary of roles, organizations and pronouns.

Nothing here names an actor; these are the words around names that tell what
a name is ("the X newspaper"), who a person is ("foreign minister") and who a
pronoun can point to.
"""

from __future__ import annotations

import re

# Nouns naming what a person is or does: heads of titles and of nominal mentions ("the minister").
ROLE_NOUNS = frozenset(
    """
    minister president chancellor premier secretary spokesman spokeswoman spokesperson leader chief head
    director chairman chairwoman chair chairperson executive ceo cfo coo officer official diplomat ambassador
    envoy consul senator congressman congresswoman representative governor mayor judge justice attorney lawyer
    prosecutor general commander colonel admiral lieutenant sergeant captain major king queen prince princess
    monarch emperor pope cardinal bishop archbishop imam rabbi cleric mufti sheikh founder cofounder co-founder
    owner manager coach editor reporter correspondent journalist columnist analyst expert researcher scholar
    professor economist historian scientist doctor physician surgeon nurse activist campaigner advocate adviser
    advisor aide strategist candidate nominee deputy member mp lawmaker legislator commissioner inspector sheriff
    superintendent administrator dean rector principal treasurer clerk counsel partner figure negotiator rapporteur
    ruler strongman dictator boss producer singer actor actress writer author novelist filmmaker operative
    surrogate pollster consultant organizer organiser coordinator teacher student resident witness victim
    businessman businesswoman entrepreneur investor banker broker trader worker employee staffer veteran soldier
    policeman policewoman detective agent investigator vice-president vp whip delegate
    councillor councilor councilman councilwoman alderman assemblyman assemblywoman speaker premier-elect
    president-elect narrator announcer host anchor commentator blogger chef pastor priest father mother
    husband wife son daughter brother sister uncle aunt friend neighbor neighbour spokesmen spokeswomen
    """.split()
)
# Words that may stand inside a title before its role noun ("foreign policy chief", "top negotiator").
TITLE_MODIFIERS = frozenset(
    """
    foreign former deputy senior top vice prime general acting interim policy affairs state defence defense
    interior home finance justice health trade economy economic press presidential executive managing national
    security majority minority party campaign communications human rights chief first lead principal assistant
    associate regional federal local city state county district supreme high junior special permanent
    republican democratic democrat conservative labour liberal independent green longtime long-time then
    current outgoing incoming retired veteran leading prominent well-known famous influential powerful
    the a an its his her their
    """.split()
)
PLURAL_GROUP_NOUNS = frozenset(
    """
    officials activists experts sources lawmakers people residents critics analysts observers diplomats
    authorities officers police leaders members supporters opponents protesters demonstrators witnesses
    organizers organisers campaigners groups investigators researchers scientists doctors voters workers
    students teachers parents families victims survivors journalists reporters employees staff aides advisers
    advisors democrats republicans conservatives liberals ministers senators governors
    prosecutors lawyers judges others both many several some all everyone everybody they we
    """.split()
)
# Lower-case nouns that make the name beside them an organization ("the X newspaper", "broadcaster X").
ORGANIZATION_CONTEXT = frozenset(
    """
    newspaper paper daily weekly tabloid magazine journal agency broadcaster channel network station website
    outlet publication ministry department group organisation organization party company firm bank
    foundation institute university college charity union coalition alliance association federation council
    committee commission movement watchdog regulator airline carrier club team band
    """.split()
)
# Capitalised last words that make a name an organization ("Civic Watch", "the Estonian Teachers Network").
ORGANIZATION_NAME_HEADS = frozenset(
    """
    network watch group council ministry department committee commission party union agency office embassy
    bank corp corporation inc ltd llc plc co company association institute institution foundation university
    college school court parliament assembly senate congress army navy police service services times post
    news journal gazette herald tribune press radio tv television broadcasting media league federation
    alliance coalition organisation organization fund trust society centre center authority board bureau
    """.split()
)
# Heads of names that are events, not actors ("the World Cup", "the Olympic Games").
EVENT_NAME_HEADS = frozenset("cup games olympics championship championships festival awards expo prix summit tournament".split())
# Acronyms that describe people rather than name an organization ("LGBT people").
DESCRIPTIVE_ACRONYM = re.compile(r"^(?:LGBT[QIA2S]*\+?|GLBT|HIV|AIDS|COVID(?:-19)?|GDP|CEO|PhD|MP|MPs|TV|DJ|VIP)$", re.IGNORECASE)

HONORIFIC_GENDER = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f", "sir": "m", "dame": "f", "lord": "m", "lady": "f"}
GENDERED_ROLES = {
    **dict.fromkeys(
        "spokeswoman chairwoman congresswoman businesswoman councilwoman assemblywoman actress queen princess "
        "mother wife daughter sister aunt policewoman lady widow".split(),
        "f",
    ),
    **dict.fromkeys(
        "spokesman chairman congressman businessman councilman assemblyman king prince father husband son "
        "brother uncle policeman".split(),
        "m",
    ),
}
PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "hers": "f", "herself": "f"}
# A speaker mention may be a possessive: "his plan to …", "her claim that …".
SPEAKING_PRONOUNS = frozenset({"he", "she", "his", "her"})
RELATIVE_PRONOUNS = frozenset({"who", "whom", "which", "that"})
# Pronouns and words that never resolve to one named actor.
UNRESOLVABLE_SPEAKERS = frozenset(
    {"they", "we", "i", "you", "it", "them", "us", "one", "someone", "somebody", "anyone", "others"}
    | {"their", "its", "our", "my", "your"}  # possessive owners parse reports: "their plan to …"
)
DETERMINERS = frozenset({"the", "a", "an", "this", "that", "another", "one", "its", "his", "her", "their", "our"})
INDEFINITE_DETERMINERS = frozenset({"a", "an", "another", "one"})
