"""How names are compared: display forms, identity keys, acronyms and transliteration variants.

Two strings name the same actor when their *keys* are equal. A key ignores
what varies between articles and writers but never between actors: case,
accents and script ("Joël"/"Joel"), a leading "the", a possessive ending,
dots in acronyms ("U.N."/"UN"), courtesy titles ("Mr Okafor"/"Okafor"), a
company's legal form ("Kelby Foods Inc."/"Kelby Foods") and
the usual spellings of one Cyrillic or Arabic name in Latin letters
("Andriy"/"Andrii", "Yury"/"Yuri", "Aleksei"/"Alexei", "Mikhail"/"Mihail").
The transliteration folding is deliberately coarse (y=i, ks=x, kh=h, doubled
letters single): it only ever compares two names already known to be of one
type in one article, or names that hash into an entity id, where a rare
collision of two real names differing in exactly those letters is harmless.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from anyascii import anyascii

from newsflow_shared.wordlists import words

# Courtesy titles that are not part of a person's name ("Mr Okafor" is Okafor).
HONORIFICS = words("names.honorifics")
# "Jr." and "III" tell a son from his father, but a surname alone is the family name before them.
GENERATIONAL_SUFFIXES = words("names.generational_suffixes")
# A company's legal form, which articles write or leave out at will: "Kelby Air Corp." is Kelby Air.
CORPORATE_SUFFIXES = words("names.corporate_suffixes")
_POSSESSIVE = re.compile(r"['’]s?$")
# Kept out of a name's display form: brackets an editor inserted ("[UN] Refugee Council").
_EDITORIAL = re.compile(r"[\[\]]")
_EDGE_PUNCTUATION = " .,;:!?'\"“”‘’()[]-–—/"
_WORD = re.compile(r"[a-z0-9]+")
_DOUBLED = re.compile(r"(.)\1+")
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
# Words an acronym skips: "Ministry of Defence" is MoD, "Department of the Interior" DoI.
ACRONYM_SKIPPED_WORDS = words("names.acronym_skipped_words")
# Grouping compares every mention's form with every entity's names: the same few hundred strings
# an article, and the same names across articles. Both functions are pure, so their answers are kept.
_MEMO_SIZE = 1 << 16


@functools.lru_cache(maxsize=_MEMO_SIZE)
def display_form(text: str) -> str:
    """The text as a reader would write the name: one space between words, no possessive or stray marks."""
    text = unicodedata.normalize("NFKC", text).replace("’", "'").replace("‘", "'")
    text = " ".join(_EDITORIAL.sub("", text).split())
    text = _POSSESSIVE.sub("", text).strip(_EDGE_PUNCTUATION.replace(".", ""))
    # A final "." belongs to an abbreviation ("U.N.", "Inc.") but not to a sentence.
    if text.endswith(".") and not re.search(r"(?:\b\w\.)+$|\b(?:Inc|Co|Corp|Ltd|Jr|Sr|St)\.$", text):
        text = text.rstrip(".")
    return text


def without_article(form: str) -> str:
    """The form without a leading "the": "the Bundestag" is named "Bundestag"."""
    return _LEADING_THE.sub("", form)


def normalise_name(name: str) -> str:
    """Case, spacing, quotes, possessive and a leading "the" ignored; spelling kept."""
    name = unicodedata.normalize("NFKC", name).replace("’", "'")
    name = " ".join(name.split()).casefold()
    name = _POSSESSIVE.sub("", name).strip(_EDGE_PUNCTUATION.replace("/", ""))
    return name.removeprefix("the ")


def name_words(name: str) -> list[str]:
    """Lower-case ASCII words of a name, dots of acronyms closed up ("U.N." -> ["un"])."""
    ascii_name = anyascii(unicodedata.normalize("NFKC", name)).casefold()
    ascii_name = re.sub(r"\b([a-z])\.(?=[a-z]\.)", r"\1", ascii_name)  # u.n. -> un.
    ascii_name = _POSSESSIVE.sub("", ascii_name.replace("'s ", " "))
    ascii_name = re.sub(r"(?<=[a-z])'(?=[a-z])", "", ascii_name)  # O'Neill is one word
    return _WORD.findall(ascii_name)


def fold_word(word: str) -> str:
    """One word's transliteration-neutral spelling."""
    word = word.replace("ks", "x").replace("kh", "h").replace("y", "i")
    return _DOUBLED.sub(r"\1", word)


@functools.lru_cache(maxsize=_MEMO_SIZE)
def name_key(name: str) -> str:
    """The identity of a name: equal keys are one actor (given the same type)."""
    words = name_words(name)
    if words and words[0] == "the":
        words = words[1:]
    while len(words) > 1 and words[0] in HONORIFICS:
        words = words[1:]
    while len(words) > 2 and words[-1] in GENERATIONAL_SUFFIXES:
        words = words[:-1]
    while len(words) > 1 and words[-1] in CORPORATE_SUFFIXES:
        words = words[:-1]
    # Middle initials vary between mentions ("Laurence H. Tribe", "Laurence Tribe").
    if len(words) > 2:
        words = [words[0], *(w for w in words[1:-1] if len(w) > 1), words[-1]]
    return " ".join(fold_word(w) for w in words)


def is_acronym(form: str) -> bool:
    """ "IRC", "U.N.", "MoD": two to six letters, mostly capitals, no spaces."""
    letters = form.replace(".", "").replace("&", "")
    capitals = sum(c.isupper() for c in letters)
    return 2 <= len(letters) <= 7 and letters.isalpha() and capitals >= 2 and capitals >= len(letters) - 1


def acronym_letters(form: str) -> str:
    """The capitals of an acronym: "U.N." -> "UN", "MoD" -> "MD"."""
    return "".join(c for c in form if c.isupper())


def initials(name: str) -> str:
    """Initials of a name's significant words, as an acronym of it would spell them."""
    words = [w for w in re.split(r"[\s\-]+", without_article(name)) if w]
    return "".join(w[0].upper() for w in words if w.casefold() not in ACRONYM_SKIPPED_WORDS and w[0].isalpha())


def surname_key(name: str) -> str:
    """Key of the last word of a name: what "Okafor" shares with "Jane Okafor"."""
    words = name_key(name).split()
    return words[-1] if words else ""


def first_name_key(name: str) -> str:
    words = name_key(name).split()
    return words[0] if len(words) > 1 else ""
