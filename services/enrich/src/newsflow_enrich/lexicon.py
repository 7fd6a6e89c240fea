"""Word lists the rules rely on: ordinary English vocabulary of roles, organizations and pronouns.

Nothing here names an actor; these are the words around names that tell what
a name is ("the X newspaper"), who a person is ("foreign minister") and who a
pronoun can point to.
"""

from __future__ import annotations

import re

from newsflow_shared.wordlists import table, words

# Nouns naming what a person is or does: heads of titles and of nominal mentions ("the minister").
ROLE_NOUNS = words("lexicon.role_nouns")
# Words that may stand inside a title before its role noun ("foreign policy chief", "top negotiator").
TITLE_MODIFIERS = words("lexicon.title_modifiers")
PLURAL_GROUP_NOUNS = words("lexicon.plural_group_nouns")
# Lower-case nouns that make the name beside them an organization ("the X newspaper", "broadcaster X").
ORGANIZATION_CONTEXT = words("lexicon.organization_context")
# Capitalised last words that make a name an organization ("Civic Watch", "the Estonian Teachers Network").
ORGANIZATION_NAME_HEADS = words("lexicon.organization_name_heads")
# Heads of names that are events, not actors ("the World Cup", "the Olympic Games").
EVENT_NAME_HEADS = words("lexicon.event_name_heads")
# Acronyms that describe people rather than name an organization ("LGBT people").
DESCRIPTIVE_ACRONYM = re.compile(r"^(?:LGBT[QIA2S]*\+?|GLBT|HIV|AIDS|COVID(?:-19)?|GDP|CEO|PhD|MP|MPs|TV|DJ|VIP)$", re.IGNORECASE)

HONORIFIC_GENDER = table("lexicon.honorific_gender")
GENDERED_ROLES = {**dict.fromkeys(words("lexicon.female_roles"), "f"), **dict.fromkeys(words("lexicon.male_roles"), "m")}
PRONOUN_GENDER = table("lexicon.pronoun_gender")
# A speaker mention may be a possessive: "his plan to …", "her claim that …".
SPEAKING_PRONOUNS = words("lexicon.speaking_pronouns")
RELATIVE_PRONOUNS = words("lexicon.relative_pronouns")
# Pronouns and words that never resolve to one named actor.
UNRESOLVABLE_SPEAKERS = words("lexicon.unresolvable_speakers")
DETERMINERS = words("lexicon.determiners")
INDEFINITE_DETERMINERS = words("lexicon.indefinite_determiners")
