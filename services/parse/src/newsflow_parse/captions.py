"""Photo captions left in scraped text, known by their credits.

A caption is told apart from a paragraph by how it is signed: a credit in
brackets at its end ("(AP Photo/Jana Pirelli)", "(Photo: Jane Roe/Reuters)"),
a label at its start ("Photo: ...", "Image credit: ..."), a trailing
"Source: Supplied" / "Credit: ..." or the name of a picture agency. A line without
such a mark may be a caption too, but nothing in it says so.
"""

from __future__ import annotations

import re

from newsflow_parse.wire_agency import is_known_agency

_PICTURE_WORDS = r"(?:photo(?:graph)?s?|pictures?|pics?|images?|illustrations?|graphics?|video|footage|credit)"
# "(AP Photo/Jana Pirelli)", "(Photo: Jane Roe)", "(Image by Jane Roe)"; not "(END VIDEO CLIP)".
_CREDIT_IN_BRACKETS = re.compile(
    rf"[(\[](?:[^()\[\]]{{0,40}}\s)?{_PICTURE_WORDS}(?:\s+credit)?\s*(?:[:/]|by\b)[^()\[\]]{{1,80}}[)\]]\W{{0,3}}$",
    re.IGNORECASE,
)
_LABEL_AT_START = re.compile(
    rf"^(?:(?:file|main|top|header|lead|featured)\s+)?(?:{_PICTURE_WORDS}|caption)"
    r"(?:\s+(?:credit|caption|source))?\s*[:|]\s*\S",
    re.IGNORECASE,
)
_SIGNED_AT_END = re.compile(
    r"\b(?:source|credit|photo(?:graph)?|picture|image)s?(?:\s+credit)?\s*:\s*(?-i:[A-Z0-9])[\w&.'’/\-, ]{0,60}$",
    re.IGNORECASE,
)
# Picture agencies sign the end of a caption; elsewhere they may be the news itself.
_PICTURE_AGENCY_AT_END = re.compile(
    r"\b(?:Getty Images|Shutterstock|iStock(?:photo)?|Alamy|AP Photo|AFP Photo|EPA(?:-EFE)?|Pool Photo|File Photo)"
    r"[\w/ .,'’\-]{0,40}[)\]]?\W{0,2}$"
)
# "... in Kelby on Monday. (Reuters)": a short line signed by a wire agency.
# Round brackets only: square ones close a link's source in newsletters ("[Bloomberg]").
_AGENCY_IN_BRACKETS_AT_END = re.compile(r"\(([^()]{2,40})\)\W{0,2}$")
_MAX_AGENCY_SIGNED_WORDS = 40
_BULLETS = "•▪■►●◦‣·*-–— \t"
# A caption is a sentence or two; anything longer is a paragraph that mentions a photo.
MAX_CAPTION_WORDS = 90
MAX_CAPTION_CHARS = 1000
# "Source: Supplied" at a line's end signs a caption only when the credit is a name, not a clause.
_MAX_SIGNATURE_WORDS = 6


def is_caption(line: str) -> bool:
    if len(line) > MAX_CAPTION_CHARS or len(line.split()) > MAX_CAPTION_WORDS:
        return False
    if _LABEL_AT_START.search(line) or _CREDIT_IN_BRACKETS.search(line) or _PICTURE_AGENCY_AT_END.search(line):
        return True
    agency = _AGENCY_IN_BRACKETS_AT_END.search(line)
    if agency and _is_signature(agency.group(1)) and len(line.split()) <= _MAX_AGENCY_SIGNED_WORDS:
        return True
    signed = _SIGNED_AT_END.search(line)
    return signed is not None and len(signed.group(0).split(":", 1)[1].split()) <= _MAX_SIGNATURE_WORDS


def _is_signature(bracketed: str) -> bool:
    """(AP), (Reuters): an agency's name as it signs, not an abbreviation like (Pa.)."""
    name = bracketed.strip()
    return is_known_agency(name) and not name.endswith(".") and (name.isupper() or len(name) > 3)


def caption_text(line: str) -> str:
    """The caption as written, without the list bullet a scraper may have kept."""
    return line.lstrip(_BULLETS).strip()
