"""News agencies (wire services) and the marks they leave in the text they sell.

An agency story says so in its dateline ("KELBY (AP) —"), its copyright
notice ("Copyright 2021 The Associated Press") or its credit line
("(Reporting by ...; Editing by ...)", Reuters' house style). Photo credits
name agencies too, but a wire photo says nothing about who wrote the story.
"""

from __future__ import annotations

import re

# Written name (lower case) -> the short name agencies sign with.
_CANONICAL = {
    "ap": "AP",
    "associated press": "AP",
    "the associated press": "AP",
    "reuters": "Reuters",
    "thomson reuters": "Reuters",
    "afp": "AFP",
    "agence france-presse": "AFP",
    "agence france presse": "AFP",
    "upi": "UPI",
    "united press international": "UPI",
    "aap": "AAP",
    "australian associated press": "AAP",
    "dpa": "dpa",
    "deutsche presse-agentur": "dpa",
    "pa": "PA",
    "pa media": "PA",
    "press association": "PA",
    "the press association": "PA",
    "xinhua": "Xinhua",
    "bloomberg": "Bloomberg",
    "efe": "EFE",
    "ansa": "ANSA",
    "kyodo": "Kyodo",
    "kyodo news": "Kyodo",
    "yonhap": "Yonhap",
    "tass": "TASS",
    "interfax": "Interfax",
    "ria novosti": "RIA Novosti",
    "the canadian press": "CP",
    "canadian press": "CP",
    "press trust of india": "PTI",
    "pti": "PTI",
    "ians": "IANS",
    "anadolu agency": "Anadolu",
}
# Full names only: a bare "AP" or "PA" inside a notice is too easily something else.
_NOTICE_NAMES = sorted((name for name in _CANONICAL if len(name) > 3), key=len, reverse=True)
_NAME_IN_NOTICE = re.compile(r"\b(" + "|".join(re.escape(n) for n in _NOTICE_NAMES) + r")\b", re.IGNORECASE)
_REUTERS_CREDIT = re.compile(r"^[(\[]?\s*(?:additional\s+)?(?:reporting|writing) by\b.*\bediting by\b", re.IGNORECASE)


def canonical_agency(name: str) -> str:
    """The agency's usual short name when it is a known wire, else the name as written."""
    name = " ".join(name.split()).strip(" .")
    return _CANONICAL.get(name.casefold(), name)


def is_known_agency(name: str) -> bool:
    return " ".join(name.split()).strip(" .").casefold() in _CANONICAL


def agency_in_notice(notice: str) -> str | None:
    """The wire named in a copyright notice or credit ("Copyright 2021 The Associated Press")."""
    match = _NAME_IN_NOTICE.search(notice)
    return canonical_agency(match.group(1)) if match else None


def agency_of_credit_line(line: str) -> str | None:
    """Reuters closes its stories with "(Reporting by X; Editing by Y)"."""
    return "Reuters" if _REUTERS_CREDIT.search(line) else None
