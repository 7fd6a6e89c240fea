"""Publication dates written in news text, as ISO 8601.

Only complete dates count (day, month and year): "Monday" or "May 26" alone
say nothing certain about when an article appeared. Finding is done by
patterns of how news sites print dates ("12 June 2024 - 09:15 AM",
"March 4, 2025", "2024-06-12T09:15:00Z"); reading what was found is left to
dateutil.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from dateutil import parser as date_parser

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)(?:day|sday|nesday|rsday|urday)?\.?,?\s+)?"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d{2}"
_TIME = r"(?:(?:\s*[-–—,|@]\s*|\s+at\s+|\s+)(?:[01]?\d|2[0-3])[:.][0-5]\d(?:\s*[AaPp]\.?[Mm]\.?)?)?"
_DAY_MONTH_YEAR = rf"{_DAY}\s+{_MONTH},?\s+{_YEAR}"
_MONTH_DAY_YEAR = rf"{_MONTH}\s+{_DAY},?\s+{_YEAR}"
_ISO = r"(?:19|20)\d{2}-[01]\d-[0-3]\d(?:[T ][0-2]\d:[0-5]\d(?::[0-5]\d(?:\.\d+)?)?(?:Z|[+-][0-2]\d:?[0-5]\d)?)?"
_FULL_DATE = re.compile(
    rf"\b(?:{_WEEKDAY}(?:{_DAY_MONTH_YEAR}|{_MONTH_DAY_YEAR}){_TIME}|{_ISO})(?![\w:])", re.IGNORECASE
)
_HAS_TIME = re.compile(r"\d[:.][0-5]\d")

# A date right after one of these words is when the article was changed, not published.
_UPDATE_LABEL = re.compile(r"(?:updated|modified|edited|revised)\s*(?:on|at)?\s*:?\s*$", re.IGNORECASE)
_DATE_LINE_WORDS = re.compile(
    r"\b(?:published|posted|updated|last|first|modified|date|on|at|am|pm|edt|est|bst|gmt|utc|cet|aest)\b"
    r"|[-–—|:,.•·/()]",
    re.IGNORECASE,
)
# A date line may keep a word besides its dates and their labels ("Published", "EDT").
_MAX_WORDS_BESIDE_DATES = 1
_MAX_DATE_LINE_CHARS = 160
_UPDATE_LABEL_LOOKBACK = 24

# Dates in file names and URLs: 2016-09-26, 2016_09_26, /2016/09/26/.
_IDENTIFIER_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})([-_/.])(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?!\d)")


@dataclass(frozen=True)
class FoundDate:
    iso: str
    start: int
    end: int
    is_update: bool


def find_dates(text: str) -> list[FoundDate]:
    """Every complete date in `text` that reads as a real calendar date."""
    found = []
    for match in _FULL_DATE.finditer(text):
        iso = to_iso(match.group(0))
        if iso is None:
            continue
        before = text[max(0, match.start() - _UPDATE_LABEL_LOOKBACK) : match.start()]
        found.append(FoundDate(iso, match.start(), match.end(), bool(_UPDATE_LABEL.search(before))))
    return found


def to_iso(written: str) -> str | None:
    """ISO 8601 for a written date: date-time when a time was given, else the date."""
    try:
        moment = date_parser.parse(" ".join(written.replace("@", " ").split()), default=datetime(1900, 1, 1))
    except (ValueError, OverflowError, TypeError):
        return None
    if moment.year == 1900:
        return None
    if _HAS_TIME.search(written):
        return moment.isoformat(timespec="minutes") if moment.second == 0 else moment.isoformat()
    return moment.date().isoformat()


def date_line_date(line: str) -> str | None:
    """The publication date of a line that is only a date stamp, else None.

    "12 June 2024 - 09:15 AM  UPDATED 13 June 2024 - 10:02 AM" is a date line
    (published, then updated); a sentence that mentions a date is not.
    """
    if len(line) > _MAX_DATE_LINE_CHARS:
        return None
    dates = find_dates(line)
    if not dates:
        return None
    rest = line
    for date in reversed(dates):
        rest = rest[: date.start] + " " + rest[date.end :]
    if len(_DATE_LINE_WORDS.sub(" ", rest).split()) > _MAX_WORDS_BESIDE_DATES:
        return None
    return published_of(dates)


def published_of(dates: list[FoundDate]) -> str | None:
    """The first date not labelled as an update (the first one if all are)."""
    if not dates:
        return None
    return next((d.iso for d in dates if not d.is_update), dates[0].iso)


def identifier_date(identifier: str | None) -> str | None:
    """A date in a file name or URL (publisher_2016-09-26_slug.txt, /2016/09/26/slug)."""
    for match in _IDENTIFIER_DATE.finditer(identifier or ""):
        year, _, month, day = match.groups()
        try:
            return datetime(int(year), int(month), int(day)).date().isoformat()
        except ValueError:
            continue
    return None
