"""Lines of a scraped page that are not the article: notices, widgets, promotions.

Each pattern is a kind of line that news sites print around every story,
whatever the story: copyright notices, "Now Reading", "Read more from ...",
petitions, "Watch the full video", newsletter and follow prompts, contributor
notes, separators. Patterns match whole short lines only, so that a paragraph
which merely starts with "Watch" or mentions a copyright stays.
"""

from __future__ import annotations

import re

# Boilerplate is a line or two; a longer line is a paragraph.
MAX_BOILERPLATE_WORDS = 60
MAX_BOILERPLATE_CHARS = 600

_COPYRIGHT = re.compile(
    r"^(?:copyright\s*(?:©|\(c\)|\d{4})|©|\(c\)\s*\d{4})"
    r"|\ball rights reserved\b"
    r"|\bmay not be (?:re)?published, broadcast, rewritten\b",
    re.IGNORECASE,
)
# Labels of page furniture standing alone on a line.
_PAGE_LABEL = re.compile(
    r"^(?:now reading|now playing|advertisement|advertising|sponsored(?: content)?|skip to (?:main )?content"
    r"|share(?: this)?(?: article| story| page)?(?: on \w+)?|print(?: this)?(?: article| page)?|listen to this article"
    r"|continue reading(?: the main story)?|story continues below(?: advertisement)?|scroll to continue"
    r"|abstract|full text|tweet|email|comments?|close|menu|back to top|loading)\W*$",
    re.IGNORECASE,
)
# A lead-in to a list of other stories ("Read more from Coastal Gazette:", "Related: ...").
_OTHER_STORIES = re.compile(
    r"^(?:read more|more to read|read next|read also|also read|see also"
    r"|related(?: articles?| stories| coverage| content| links)?"
    r"|more on this(?: story| topic)?|more(?: stories| news)?|recommended(?: for you| reading)?"
    r"|you may also like|you might also like"
    r"|most (?:read|popular|viewed)|trending(?: now)?|top stories|further reading|editor'?s picks?|latest news)"
    r"(?:\s+(?:from|on|about|at|by)\s+[^:.!?]{1,50})?\s*(?:[:|>»-].*)?$",
    re.IGNORECASE,
)
_PROMOTION = re.compile(
    r"^(?:petition|sign (?:the|our) petition)\b"
    r"|^(?:watch|listen|video|audio|gallery|in pictures)\s*[:|]"
    r"|^(?:watch|listen to)\b[^.!?]{0,100}(?::|\bbelow\W*|\bhere\W*|\bvideo\W*)$"
    r"|^(?:click|tap) here\b"
    r"|^did you miss\b"
    r"|\bcatch up\b.{0,60}\b(?:on demand|on iplayer|online|on the app)\b"
    r"|^(?:sign up|subscribe)\b"
    r"|^(?:get|join) (?:our|the) \w+(?: \w+)? newsletter\b"
    r"|^follow (?:us|@)"
    r"|^follow\b.{0,80}\bon (?:twitter|facebook|instagram|x|threads|bluesky|linkedin)\b"
    r"|^this (?:article|story|piece) (?:was |has been |first |originally )+(?:published|appeared)\b",
    re.IGNORECASE,
)
# Notes crediting contributors: about the article, not part of it.
_CONTRIBUTORS = re.compile(
    r"^[(\[]?\s*(?:additional reporting by|reporting by|writing by|editing by|compiled by)\b"
    r"|\bcontributed (?:reporting|research|to this (?:report|story|article))\W*$",
    re.IGNORECASE,
)
# A scraper sometimes leaves a closing note inside stray quotation marks.
_QUOTES_AND_SPACE = "\"'“”‘’ "
# "___", "* * *", "—": separators with no words.
_NO_WORDS = re.compile(r"^[\W_]*$")


def is_boilerplate(line: str) -> bool:
    if len(line) > MAX_BOILERPLATE_CHARS:
        return False
    line = line.strip(_QUOTES_AND_SPACE)
    if _NO_WORDS.match(line):
        return True
    if len(line.split()) > MAX_BOILERPLATE_WORDS:
        return False
    return any(
        pattern.search(line) for pattern in (_COPYRIGHT, _PAGE_LABEL, _OTHER_STORIES, _PROMOTION, _CONTRIBUTORS)
    )


def introduces_other_stories(line: str) -> bool:
    """A lead-in after which come headlines of other stories, not the article."""
    return len(line) <= MAX_BOILERPLATE_CHARS and bool(_OTHER_STORIES.search(line))


def is_copyright_notice(line: str) -> bool:
    return len(line) <= MAX_BOILERPLATE_CHARS and bool(_COPYRIGHT.search(line))
