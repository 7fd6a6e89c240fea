"""The site that published an article, from what its scraped page says about itself.

Pages name their own site in the furniture around a story: "Read more from
Coastal Gazette:", "More from Harbour News", "Follow Harbour News on
Twitter", "Sign up to the Harbour News newsletter", "You can catch up ... on
Eastvale TV On Demand", "© 2024 Harbour News". Only lines of furniture are
read, never the story or a photo caption: an outlet the story quotes ("told
the BBC", "according to Reuters") or a picture credit is not the site. A
wrong outlet is worse than none, so a name must look like one (a few
capitalised words; not a person, a section, a wire or a picture agency), and
when the page names different sites, none is given.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from itertools import combinations

from newsflow_parse import boilerplate, captions
from newsflow_parse.byline import looks_like_person_name
from newsflow_parse.wire_agency import is_known_agency

MAX_NAME_WORDS = 5
MAX_NAME_CHARS = 40
# Kinds of self-reference. A lead-in to other stories may name a topic rather than the site
# ("Read more from Chechnya:"), and a topic is what the story talks about; a notice may name the
# site's company rather than the site.
_LEAD_IN, _FOLLOW_PROMPT, _NEWSLETTER_PROMPT, _CATCH_UP, _NOTICE = (
    "lead-in", "follow", "newsletter", "catch-up", "notice"
)

_OTHER_STORIES = re.compile(
    r"^(?:read more|more|more stories|more news|read more stories)\s+from\s+(?P<name>[^:|»>]{1,60}?)"
    r"\s*(?:[:|»>].*|\s[-–—]\s.*)?$",
    re.IGNORECASE,
)
_FOLLOW = re.compile(
    r"^follow\s+(?P<name>.{1,60}?)\s+on\s+(?:twitter|facebook|instagram|x|threads|bluesky|linkedin|youtube|tiktok)\b",
    re.IGNORECASE,
)
_NEWSLETTER = re.compile(
    r"^(?:(?:sign up|subscribe|register)\s+(?:to|for)|get|join)\s+(?:the\s+)?(?P<name>.{1,60}?)"
    r"\s+(?:(?:daily|weekly|free|email)\s+)*newsletters?\b",
    re.IGNORECASE,
)
# "catch up right now, on Eastvale TV On Demand": a broadcaster's own catch-up service.
_ON_DEMAND = re.compile(
    r"\b(?i:catch up|watch|stream)\b.{0,80}?\b(?i:on)\s+(?:the\s+)?"
    r"(?P<name>(?:[A-Z0-9][\w&'’.-]*\s+){0,3}[A-Z0-9][\w&'’.-]*)\s+(?i:on demand|iplayer|iview)\b"
)
_COPYRIGHT_MARKS = re.compile(
    r"^(?:(?:copyright|©|\(c\))\s*:?\s*)+(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*,?\s*)?(?P<name>.*)$", re.IGNORECASE
)
# Where the name in a notice stops: "© 2024 Harbour News. All rights reserved", "© Harbour News 2024".
_NOTICE_NAME_END = re.compile(
    r"\.(?:\s|$)|[,;|/(]|\s[-–—]\s|\ball rights reserved\b|\b\d{4}\b|\s+or its\b", re.IGNORECASE
)

_CONNECTORS = {"of", "and", "&", "the", "de", "for"}
# Company forms end the name: "Harbour News Media Limited" is Harbour News Media.
_COMPANY_FORMS = {
    "inc", "inc.", "llc", "llc.", "ltd", "ltd.", "limited", "plc", "corp", "corp.", "corporation", "co.", "gmbh",
    "pty", "pty.", "s.a.", "ag", "l.p.", "lp",
}
# Names a page uses for its sections, its people and its partners, not for itself.
_GENERIC_WORDS = {
    "us", "our", "me", "this", "that", "author", "authors", "writer", "editor", "editors", "readers", "partners",
    "sponsors", "sponsored", "around", "web", "elsewhere", "archive", "archives", "stream", "section", "series",
    "topic", "site", "page", "home", "news", "politics", "world", "business", "opinion", "opinions", "sport",
    "sports", "tech", "technology", "science", "health", "entertainment", "culture", "arts", "lifestyle", "life",
    "style", "travel", "money", "markets", "economy", "video", "videos", "audio", "podcasts", "photos", "live",
    "local", "national", "international", "latest", "top", "today", "breaking", "more", "stories", "all", "uk",
    "u.s.", "europe", "asia", "africa", "australia", "americas", "middle", "east", "food", "music", "film", "tv",
    "books", "education", "environment", "climate", "weather", "traffic", "obituaries", "newsletter",
    "newsletters", "briefing", "digest", "roundup", "bulletin", "alerts", "updates", "headlines", "edition",
}
# A photo credit standing on its own line names who took the picture, not who published the story.
_PICTURE_WORDS = {
    "photo", "photos", "photograph", "photography", "picture", "pictures", "image", "images", "getty", "shutterstock",
    "alamy", "istock", "istockphoto", "epa", "pool",
}
# Words that make a name a publication's even when it is shaped like a person's ("Kelby Chronicle").
_PUBLICATION_WORDS = {
    "news", "times", "post", "press", "media", "magazine", "daily", "weekly", "journal", "herald", "tribune",
    "gazette", "chronicle", "courier", "globe", "standard", "examiner", "observer", "mirror", "express", "star",
    "sun", "telegraph", "independent", "guardian", "register", "review", "inquirer", "enquirer", "dispatch",
    "sentinel", "monitor", "record", "beacon", "echo", "advertiser", "argus", "mercury", "telegram", "bulletin",
    "radio", "tv", "television", "broadcasting", "network", "online", "digital", "report", "wire", "insider",
}
# A word of a name: capitalised or a number-led brand ("9News"), never a bare number.
_TOKEN = re.compile(r"^(?=.*[^\W\d_])[A-Z0-9][\w'’.\-!+&]*$")


@dataclass(frozen=True)
class _Mention:
    name: str
    kind: str


def find_site_name(lines: list[str]) -> str | None:
    """The site a page's lines name as their own, or None when they name none, or several."""
    mentions = [
        mention
        for line in lines
        if boilerplate.is_boilerplate(line) and not captions.is_caption(line)
        for mention in _mentions_in(line)
    ]
    if any(mention.kind == _LEAD_IN for mention in mentions):
        story = _words(" ".join(line for line in lines if not boilerplate.is_boilerplate(line)))
        mentions = [m for m in mentions if not (m.kind == _LEAD_IN and _contains(story, _words(m.name)))]
    return _one_site(mentions)


def _mentions_in(line: str) -> list[_Mention]:
    line = line.strip("\"'“”‘’ ")
    all_caps = line.isupper()
    found = []
    for kind, pattern in (
        (_LEAD_IN, _OTHER_STORIES), (_FOLLOW_PROMPT, _FOLLOW), (_NEWSLETTER_PROMPT, _NEWSLETTER), (_CATCH_UP, _ON_DEMAND)
    ):
        match = pattern.search(line)
        if match:
            found.append((kind, match.group("name")))
    notice = _COPYRIGHT_MARKS.match(line) if boilerplate.is_copyright_notice(line) else None
    if notice:
        end = _NOTICE_NAME_END.search(notice.group("name"))
        found.append((_NOTICE, notice.group("name")[: end.start() if end else None]))
    names = ((kind, _as_site_name(written, all_caps=all_caps)) for kind, written in found)
    return [_Mention(name, kind) for kind, name in names if name]


def _as_site_name(written: str, *, all_caps: bool) -> str | None:
    """The name as a site would write it, or None when it does not look like a site's name."""
    tokens = written.strip(" .,:;!?\"'“”‘’-–—").split()
    for index, token in enumerate(tokens):
        if token.casefold().strip(",") in _COMPANY_FORMS:
            tokens = tokens[:index]
            break
    tokens = [token.strip(",") for token in tokens]
    if tokens and tokens[0].casefold() == "the":
        tokens[0] = "The"
    core = tokens[1:] if tokens[:1] == ["The"] else tokens
    if not 1 <= len(core) <= MAX_NAME_WORDS or core[0] in _CONNECTORS or core[-1] in _CONNECTORS:
        return None
    if not all(_TOKEN.match(token) or token in _CONNECTORS for token in core):
        return None
    if all_caps:
        # Upper case hides how a name is spelled: only a one-word name can be read back ("BREITBART", "SBS").
        if len(core) != 1:
            return None
        tokens = [token if len(token) <= 4 else token.capitalize() for token in tokens]
    name = " ".join(tokens)
    folded = [token.casefold() for token in core]
    if len(name) > MAX_NAME_CHARS or all(word in _GENERIC_WORDS | _CONNECTORS for word in folded):
        return None
    if any(word in _PICTURE_WORDS for word in folded) or is_known_agency(name) or is_known_agency(" ".join(core)):
        return None
    people = [" ".join(part.split()) for part in re.split(r",|&|\band\b", " ".join(core))]
    if any(looks_like_person_name(person) and not set(_words(person)) & _PUBLICATION_WORDS for person in people):
        return None  # "More from Jane Roe", "Follow Jane Roe and John Doe on Twitter": writers, not the site
    return name


def _one_site(mentions: list[_Mention]) -> str | None:
    """The site all mentions agree on ("BBC" and "BBC News" agree), else None.

    Every pair must agree: "Harbour" agrees with "Harbour News" and with "Harbour Times", but those
    two name different sites, whatever order the page gives them in.
    """
    if not mentions or any(not _same_site(a.name, b.name) for a, b in combinations(mentions, 2)):
        return None
    # The form written most often; a notice's company name ("Harbour News Media") only when nothing else names it.
    counts = Counter(m.name for m in mentions)
    return max(mentions, key=lambda m: (m.kind != _NOTICE, counts[m.name])).name


def names_site(name: str, site_name: str | None) -> bool:
    """Whether `name` is the site's name, give or take "The" ("Kelby Chronicle" and "The Kelby Chronicle")."""
    if not site_name:
        return False
    return set(_words(name)) - {"the"} == set(_words(site_name)) - {"the"}


def _same_site(a: str, b: str) -> bool:
    words_a, words_b = set(_words(a)) - {"the"}, set(_words(b)) - {"the"}
    return bool(words_a and words_b) and (words_a <= words_b or words_b <= words_a)


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def _contains(haystack: list[str], needle: list[str]) -> bool:
    needle = [word for word in needle if word != "the"]
    return bool(needle) and any(
        haystack[i : i + len(needle)] == needle for i in range(len(haystack) - len(needle) + 1)
    )
