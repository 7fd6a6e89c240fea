"""Who wrote the article: bylines and the other places news text names its authors.

Authors are named in a byline ("By Jane Roe and John Doe", or a line holding
only a name above the story), at the end of the story ("Follow Jane Roe on
Twitter @janeroe", an op-ed's "Jane Roe is a professor of ...", a sign-off
"— Jane Roe", Reuters' "(Reporting by Jane Roe; Editing by ...)"), or in page
metadata that needs tidying ("By Jane Roe", "JANE ROE", "Jane Roe, Staff
Writer"). A name is recognised by its shape: two to five capitalised words
or initials, none of them a word that names an organisation or a role.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsflow_parse.dates import find_dates
from newsflow_parse.wire_agency import canonical_agency, is_known_agency

_PARTICLES = {
    "de", "da", "di", "del", "della", "der", "den", "van", "von", "la", "le", "du", "dos", "das", "bin", "ibn", "al",
    "el", "ben",
}
_NOT_NAME_WORDS = {
    "the", "and", "of", "for", "in", "on", "at", "to", "a", "an", "with", "from", "by", "is", "are", "was",
    "news", "times", "post", "press", "media", "magazine", "daily", "journal", "network", "radio", "tv", "online",
    "group", "agency", "service", "today", "weekly", "herald", "tribune", "gazette", "digital", "wire", "desk",
    "inc", "ltd", "corp", "llc", "plc", "university", "council", "party", "department", "ministry", "office",
    "foundation", "institute", "association", "committee", "club", "company", "government", "police", "court",
    "says", "said", "new", "photo", "image", "video", "reading", "more", "share", "follow", "update", "updated",
    "published", "read", "watch", "live", "source", "credit", "comments", "email", "twitter", "facebook",
    "leader", "president", "minister", "secretary", "senator", "governor", "mayor", "spokesman", "spokeswoman",
    # Capitalised only because they open a sentence.
    "although", "however", "while", "when", "after", "before", "but", "if", "since", "as", "though", "because",
    "yet", "still", "meanwhile", "also", "this", "that", "these", "those", "there", "here", "it", "he", "she",
    "they", "we", "i", "you", "his", "her", "their", "our", "its", "my", "your", "then", "now", "so", "not",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    # Months, but not April, May, June and August, which are also people's names.
    "january", "february", "march", "july", "september", "october", "november", "december",
}
# Job titles and degrees that follow a name in a byline: "Jane Roe, Political Editor", "Brenda Goodman, MA".
_ROLE_WORDS = {
    "editor", "writer", "reporter", "correspondent", "columnist", "contributor", "analyst", "producer",
    "photographer", "staff", "senior", "chief", "deputy", "associate", "executive", "managing", "contributing",
    "special", "political", "foreign", "games", "health", "science", "technology", "tech", "business", "sports",
    "sport", "economics", "education", "environment", "arts", "culture", "travel", "entertainment", "legal",
    "investigative", "national", "features", "opinion", "news", "at-large", "editor-at-large",
    "ma", "phd", "md", "mph", "rn", "msc", "bsc", "mba",
}
# What a page template puts where an author belongs when it has none.
_PLACEHOLDERS = {
    "username", "user", "admin", "administrator", "author", "authors", "staff", "guest", "anonymous", "unknown",
    "editor", "editors", "by", "none", "null", "sign in", "log in", "login", "web desk", "news desk",
}
# A page template may glue the date to the byline ("Jane Roe May 20, 2019").
_MONTHS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december",
}
_MIN_NAME_TOKENS, _MAX_NAME_TOKENS = 2, 5
_MAX_NAMES_ON_A_LINE = 4
_MAX_BIO_WORDS = 80
# Bylines and name lines are short; a longer line is prose, and is not searched at all.
MAX_BYLINE_CHARS = 300

_BY = re.compile(r"^(?:by|written by|words by|story by|text by|reported by)\s*:?\s+(?P<rest>.+)$", re.IGNORECASE)
_CONTACT = re.compile(r"[^\s@]+@\S+|https?://\S+|www\.\S+|@\w+")
# Where a byline stops naming people: "By Jane Roe | Gazette", "By Jane Roe - 3 May 2021".
_BYLINE_END = re.compile(r"\s+[|•·—–-]\s+.*$|\s*\|.*$")
_NAME_SEPARATORS = re.compile(r"\s*(?:,|;|&|\band\b|\bund\b)\s*", re.IGNORECASE)
_IN_PLACE = re.compile(r"\s+in\s+[A-Z][\w.'’ -]*$")
_FOLLOW = re.compile(
    r"^follow\s+(?P<who>.{2,120}?)\s+(?:on|at)\s+(?:twitter|facebook|instagram|x|threads|bluesky|linkedin)\b",
    re.IGNORECASE,
)
_HONORIFIC = r"(?:(?:Rep|Sen|Dr|Prof|Gov|Rev|Mr|Mrs|Ms|Gen|Col|Capt)\.?\s+)?"
_BIO = re.compile(
    rf"^{_HONORIFIC}(?P<name>[^,()]{{3,60}}?)(?:,.{{1,200}}?,)?\s+"
    r"(?:is|was|serves|served|chairs|teaches|taught|writes|edits|co-hosts|hosts|directs|leads|covers|heads|runs)\b"
    # "is expected to", "was arrested": news about a person, not a note about the writer.
    r"(?!\s+\w+(?:ed|ing)\b)"
)
_SIGN_OFF = re.compile(r"^[-—–]\s*(?P<name>[^-—–]{3,60}?)\.?$")
# A scraper sometimes keeps a closing note inside the quotation marks of the paragraph before.
_QUOTES_AND_SPACE = "\"'“”‘’ "
_CREDIT_SEGMENT = re.compile(r"^\W*(?:reporting|writing) by\s+(?P<names>.+?)\W*$", re.IGNORECASE)


@dataclass(frozen=True)
class Byline:
    authors: list[str] = field(default_factory=list)
    agency: str | None = None


def looks_like_person_name(text: str) -> bool:
    if "," in text:
        return False
    tokens = text.split()
    if not _MIN_NAME_TOKENS <= len(tokens) <= _MAX_NAME_TOKENS:
        return False
    if tokens[0].casefold() in _PARTICLES or tokens[-1].casefold() in _PARTICLES:
        return False
    return all(_is_name_token(token) for token in tokens)


def byline(line: str) -> Byline | None:
    """Authors (and a wire agency) of a "By ..." line, else None."""
    match = _BY.match(line.strip()) if len(line) <= MAX_BYLINE_CHARS else None
    if not match:
        return None
    authors, agency = [], None
    for part in _name_parts(match.group("rest")):
        if is_known_agency(part) or is_known_agency(part.removeprefix("The ").removeprefix("the ")):
            agency = agency or canonical_agency(part)
        elif looks_like_person_name(part):
            authors.append(part)
    return Byline(authors, agency) if authors or agency else None


def names_only(line: str) -> list[str]:
    """The names of a line that holds nothing but people's names, else []."""
    if len(line) > MAX_BYLINE_CHARS or find_dates(line) or _CONTACT.search(line):
        return []
    parts = [part for part in _NAME_SEPARATORS.split(line.strip().rstrip(".")) if part]
    if not 1 <= len(parts) <= _MAX_NAMES_ON_A_LINE or not all(looks_like_person_name(p) for p in parts):
        return []
    return parts


def follow_line_authors(line: str) -> list[str]:
    """"Follow Jane Roe on Twitter @janeroe" names the writers of the story above it."""
    match = _FOLLOW.match(line.strip(_QUOTES_AND_SPACE))
    if not match:
        return []
    names = []
    for part in _NAME_SEPARATORS.split(match.group("who")):
        # "Follow Gazette reporter Jane Roe": the name is the run of capitalised words at the end.
        run: list[str] = []
        for token in reversed(part.split()):
            if not _is_name_token(token) or len(run) == _MAX_NAME_TOKENS:
                break
            run.insert(0, token)
        while run and run[0].casefold() in _PARTICLES:
            run.pop(0)
        if looks_like_person_name(" ".join(run)):
            names.append(" ".join(run))
    return names


def bio_author(paragraph: str, earlier_text: str) -> str | None:
    """An op-ed's closing note about its writer: "Jane Roe is a professor of law at ...".

    Only a name that the article has not mentioned before counts: a person the
    story is about is introduced earlier, the writer of an op-ed is not
    (though the writer's family may be).
    """
    if len(paragraph.split()) > _MAX_BIO_WORDS:
        return None
    match = _BIO.match(paragraph.strip())
    if not match:
        return None
    name = match.group("name").strip()
    if not looks_like_person_name(name) or name in earlier_text:
        return None
    return name


def sign_off_author(line: str) -> str | None:
    """"— Jane Roe" closing a column."""
    match = _SIGN_OFF.match(line.strip())
    # "— Jane Roe, Kelby": the place after the comma is where she wrote from.
    name = match.group("name").split(",")[0].strip() if match else ""
    return name if looks_like_person_name(name) else None


def credit_line_authors(line: str) -> list[str]:
    """Reporters of a wire credit: "(Reporting by Jane Roe in Kyiv; Editing by John Doe)"."""
    authors = []
    for segment in re.split(r"[;)]", line):
        match = _CREDIT_SEGMENT.match(segment)
        if match and not segment.strip(" ([").casefold().startswith("additional"):
            authors += [part for part in _name_parts(match.group("names")) if looks_like_person_name(part)]
    return authors


def clean_author_names(names: list[str]) -> list[str]:
    """Authors as given by page metadata, without "By", job titles, placeholders or repeats."""
    cleaned: list[str] = []
    seen: set[str] = set()
    for name in names:
        name = " ".join(name.split())
        name = _BY.sub(r"\g<rest>", name).strip(" ,;|")
        tokens = _strip_roles(name.split())
        if len(tokens) < len(name.split()) and len(tokens) < _MIN_NAME_TOKENS:
            continue  # a job title on its own ("Harbour Reporter"), not a name
        if len(tokens) >= 3 and tokens[-1].casefold() in _MONTHS:
            tokens = tokens[:-1]  # a date glued to the name by the page template ("Jane Roe May 20, 2019")
        name = " ".join(tokens)
        if not name or name.casefold() in _PLACEHOLDERS or name.casefold() in _ROLE_WORDS:
            continue
        key = name.casefold()
        if key not in seen:
            seen.add(key)
            cleaned.append(name)
    return cleaned


def _name_parts(text: str) -> list[str]:
    """The separate names in the people part of a byline."""
    for found in reversed(find_dates(text)):
        text = text[: found.start] + " " + text[found.end :]
    text = _BYLINE_END.sub("", _CONTACT.sub(" ", text))
    parts = []
    for part in _NAME_SEPARATORS.split(text):
        part = _IN_PLACE.sub("", part.strip(" .:()[]"))
        tokens = _strip_roles(part.split())
        if tokens:
            parts.append(" ".join(tokens))
    return parts


def _strip_roles(tokens: list[str]) -> list[str]:
    tokens = list(tokens)
    while len(tokens) > 1 and tokens[-1].strip(".,").casefold() in _ROLE_WORDS:
        tokens.pop()
    return tokens


def _is_name_token(token: str) -> bool:
    if token.casefold() in _PARTICLES:
        return True
    core = token.strip(",")
    letters = core.replace("'", "").replace("’", "").replace("-", "").replace(".", "")
    return (
        bool(letters)
        and letters.isalpha()
        and core[0].isupper()
        and core.casefold().strip(".") not in _NOT_NAME_WORDS
    )
