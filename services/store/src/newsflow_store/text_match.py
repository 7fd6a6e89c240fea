"""When two quotes are one statement: normalized text, containment and word overlap.

Outlets report the same words differently: other quote marks, punctuation,
case, a word dropped, or only part of a sentence. Two quotes are one
statement when, after normalizing (Unicode NFKC, case folded, apostrophes
inside words dropped, every other non-letter/digit a space, spaces collapsed):

- their texts are equal; or, when the shorter has at least MIN_WORDS words,
- one text appears in the other on word boundaries (a partial quote), or
- their word sets overlap with a Jaccard index of at least JACCARD.

Shorter quotes ("No comment.") only ever match exactly: a few common words
prove nothing. And the speakers must agree (speakers_agree). Pure functions;
statements.py finds the candidates to compare without scanning every
statement (see probe_size and anchor_term).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property, lru_cache

JACCARD = Fraction(4, 5)
MIN_WORDS = 5

_INNER_APOSTROPHE = re.compile(r"(?<=\w)['’ʼ‘`´](?=\w)")
_NOT_A_WORD = re.compile(r"[\W_]+")

# Words too common to say which statement a quote belongs to; they still count in the overlap.
STOPWORDS = frozenset(
    "a an and are as at be been but by can could did do does for from had has have he her him his i if in "
    "into is it its me my no not of on or our she so than that the their them then there these they this "
    "to up us was we were what when which who will with would you your".split()
)


def normalize_quote(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(_NOT_A_WORD.sub(" ", _INNER_APOSTROPHE.sub("", folded)).split())


def text_key(normalized: str) -> str:
    """A short fixed-size key for exact lookups (a long quote would not fit a btree index)."""
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()[:32]


@dataclass(frozen=True)
class QuoteText:
    """A quote's text as the matching sees it."""

    normalized: str

    @classmethod
    def of(cls, text: str) -> "QuoteText":
        return _quote_text(text)

    @cached_property
    def key(self) -> str:
        return text_key(self.normalized)

    @cached_property
    def words(self) -> frozenset[str]:
        return frozenset(self.normalized.split())

    @cached_property
    def terms(self) -> frozenset[str]:
        """The words that can tell statements apart: what the candidate index holds."""
        return frozenset(w for w in self.words if w not in STOPWORDS and len(w) > 1)

    @cached_property
    def long_enough(self) -> bool:
        return len(self.normalized.split()) >= MIN_WORDS

    @cached_property
    def anchor(self) -> str | None:
        return anchor_term(self)


def prepare_for_matching(quote: QuoteText) -> None:
    """Work out now (cached on the quote) what matching reads of it, so that matching itself is quick."""
    quote.key, quote.terms, quote.long_enough, quote.anchor  # noqa: B018 -- each a cached property


@lru_cache(maxsize=1 << 16)
def _quote_text(text: str) -> QuoteText:
    # Stored reports are compared again in every batch whose quotes they could match: the same
    # texts, normalized (and split into words and terms) once per process rather than each time.
    return QuoteText(normalize_quote(text))


def similarity(a: QuoteText, b: QuoteText) -> float | None:
    """How alike two quotes are if they are one statement (1.0 for equal texts), else None."""
    if a.normalized == b.normalized:
        return 1.0
    if not (a.long_enough and b.long_enough):  # the shorter one decides: containment needs it long too
        return None
    # Overlap can reach JACCARD only if the smaller word set is that large a share of the larger one.
    smaller, larger = sorted((len(a.words), len(b.words)))
    if smaller * JACCARD.denominator >= JACCARD.numerator * larger:
        shared = len(a.words & b.words)
        union = smaller + larger - shared
        if shared * JACCARD.denominator >= JACCARD.numerator * union:  # in integers: no Fraction per pair
            return shared / union
    shorter, longer = sorted((a.normalized, b.normalized), key=len)
    if f" {shorter} " in f" {longer} ":
        return float(JACCARD)  # a partial quote: as good as the weakest near-identical one
    return None


# Terms looked up beyond the fewest that find every match: each one more raises the hits a
# candidate needs by one, which drops the statements that share a single term by chance.
PROBE_EXTRA = 2


def misses_allowed(quote: QuoteText) -> int:
    """How many of a quote's words a quote it matches may lack.

    If |A ∩ B| / |A ∪ B| >= t then at most floor((1 - t)·|A|) words of A are
    missing from B; containment of A in B misses none. In integers: no Fraction per quote.
    """
    return len(quote.words) * (JACCARD.denominator - JACCARD.numerator) // JACCARD.denominator


def probe_size(quote: QuoteText) -> int:
    """How many of a quote's terms to look up (the rarest first keeps the postings read short).

    Among any misses_allowed + 1 terms of A one is in every B it matches
    (prefix filtering); PROBE_EXTRA more make hits_needed larger than one.
    """
    return min(len(quote.terms), misses_allowed(quote) + 1 + PROBE_EXTRA)


def hits_needed(quote: QuoteText, probed: int) -> int:
    """Of `probed` terms of a quote, how many at least are in every quote it matches."""
    return max(1, probed - misses_allowed(quote))


def anchor_term(quote: QuoteText) -> str | None:
    """One term each reported version is also filed under, so a fuller quote finds its fragments.

    A fragment B inside a longer quote A has all its terms in A, hence its
    anchor too: looking up all of A's terms among anchors finds B. The longest
    term is used (rarer, on the whole, than short ones); any term would be correct.
    """
    return max(sorted(quote.terms), key=len, default=None)


_NAME_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_POSSESSIVE = re.compile(r"['’]s?$")


def speaker_name(mention: str | None) -> str | None:
    """The last capitalized word of a speaker mention: "Harbour Minister Ana Sousa" and "Minister Sousa"
    give "sousa"; "he" or "a ferry captain" give None (no name to compare)."""
    names = [word for word in _NAME_WORD.findall(mention or "") if word[0].isupper()]
    return _POSSESSIVE.sub("", names[-1]).casefold() if names else None


@dataclass(frozen=True)
class Speaker:
    actor_id: str | None
    mention: str | None


def speakers_agree(a: Speaker, b: Speaker, *, long_quote: bool) -> bool:
    """Could two reports be of the same person speaking?

    Resolved to actors on both sides: the same actor. Otherwise the names as
    written must end alike ("Minister Sousa", "Sousa"). Where one side names
    nobody ("he", "a spokesman", none), only a long quote may join: its words
    are the evidence then; "No comment" from an unnamed captain is not Sousa's.
    """
    if a.actor_id and b.actor_id:
        return a.actor_id == b.actor_id
    name_a, name_b = speaker_name(a.mention), speaker_name(b.mention)
    if name_a and name_b:
        return name_a == name_b
    return long_quote
