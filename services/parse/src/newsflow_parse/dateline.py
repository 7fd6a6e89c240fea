"""The dateline that opens a news story: "KELBY (AP) —", "PORT ELLEN, Maren, Sept. 26 (UPI) —".

It names where the story was filed and, for wire copy, the agency, then a
dash. It is metadata, not prose: the body keeps the sentence after it.
Without an agency in brackets only an upper-case place counts, because
"Seattle — the city that..." could open a sentence, "SEATTLE —" could not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsflow_parse.wire_agency import canonical_agency

_MONTH = (
    r"(?:Jan|Feb|Mar|Apr|May|June?|July?|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?"
)
_DASH = r"(?:—|–|―|--?|_)"
_UPPER_WORD = r"[A-Z][A-Z.'’\-]*[A-Z.]"
_CAPITALISED_WORD = r"[A-Z][A-Za-z.'’\-]*"
_REGION = rf"(?:,\s*{_CAPITALISED_WORD}(?:\s+{_CAPITALISED_WORD}){{0,3}})"
_DATE = rf"(?:,\s*{_MONTH}\s+\d{{1,2}})"
_AGENCY = r"\(\s*([A-Za-z][A-Za-z.&'\- ]{0,38}?)\s*\)"

_WITH_AGENCY = re.compile(
    rf"^(?P<place>{_CAPITALISED_WORD}(?:\s+{_CAPITALISED_WORD}){{0,4}})(?P<region>{_REGION})??(?P<date>{_DATE})?"
    rf"\s*{_AGENCY}\s*{_DASH}\s*"
)
# Some wires date a story without a place: "Dec 29 (Reuters) - ...".
_DATE_ONLY = re.compile(rf"^{_MONTH}\s+\d{{1,2}}\s*{_AGENCY}\s*{_DASH}\s*")
_UPPER_PLACE = re.compile(
    rf"^(?P<place>{_UPPER_WORD}(?:\s+{_UPPER_WORD}){{0,4}})(?P<region>{_REGION})??(?P<date>{_DATE})?\s+{_DASH}\s+"
)
# Upper-case openers that are labels, not places.
_NOT_PLACES = {
    "BREAKING", "UPDATE", "UPDATED", "EXCLUSIVE", "WATCH", "LIVE", "ANALYSIS", "OPINION", "EDITORIAL", "NOTE",
    "PHOTOS", "VIDEO",
}
_MAX_AGENCY_WORDS = 4
_ABBREVIATION = re.compile(r"(?:[A-Z]\.)+")


@dataclass(frozen=True)
class Dateline:
    place: str | None
    agency: str | None
    end: int  # where the story's first sentence starts


def find_dateline(paragraph: str) -> Dateline | None:
    """The dateline opening `paragraph`, or None."""
    match = _WITH_AGENCY.match(paragraph)
    if match and len(match.group(4).split()) <= _MAX_AGENCY_WORDS:
        return Dateline(_place(match), canonical_agency(match.group(4)), match.end())
    match = _DATE_ONLY.match(paragraph)
    if match and len(match.group(1).split()) <= _MAX_AGENCY_WORDS:
        return Dateline(None, canonical_agency(match.group(1)), match.end())
    match = _UPPER_PLACE.match(paragraph)
    if match and match.group("place").split()[0].strip(".") not in _NOT_PLACES and len(match.group("place")) >= 3:
        return Dateline(_place(match), None, match.end())
    return None


def _place(match: re.Match) -> str:
    place = match.group("place") + (match.group("region") or "")
    return " ".join(_capitalise(word) for word in place.split())


def _capitalise(word: str) -> str:
    """NEW YORK -> New York, ST. LOUIS -> St. Louis; abbreviations (N.Y., D.C.) stay."""
    if not word.isupper() or _ABBREVIATION.fullmatch(word.rstrip(",")):
        return word
    return re.sub(r"[A-Z]+", lambda m: m.group(0).capitalize(), word)
