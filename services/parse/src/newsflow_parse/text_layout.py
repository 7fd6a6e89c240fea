"""The layout of scraped plain text: a headline line, then the body's paragraphs.

Scraped news text keeps one paragraph per line (there are no hard wraps), with
or without blank lines between them. The body is normalised to one paragraph
per line and a blank line between paragraphs, whatever the input used, so every
later offset refers to one predictable shape of text. Text that was hard-wrapped
anyway (e-mail, terminals) is unwrapped first, so that a wrapped line is never
mistaken for a headline.
"""

from __future__ import annotations

import re
import statistics

MAX_HEADLINE_CHARS = 200
# Headlines that end with a full stop (some archives add one) are still short.
MAX_SENTENCE_HEADLINE_WORDS = 30
# A headline and its deck joined by a semicolon, as news archives store them.
MAX_DECK_CHARS = 400
# A line ending like a sentence (or introducing one) is prose, not a headline.
PROSE_ENDINGS = (".", ",", ";", ":")
SENTENCE_ENDINGS = (".", "!", "?", "…", ":", ";", ",")
# Closing quotes and brackets after the last word do not change how a line ends.
CLOSERS = "\"'”’»)]*"
OPENING_QUOTES = "\"'“‘«"
CLOSING_QUOTES = "\"'”’»"
PARAGRAPH_SEPARATOR = "\n\n"
# "Ferry Operator Cuts Timetable For The Winter.": short words (of, in) may stay lower case.
_TITLE_CASE_MIN_WORD_CHARS = 4
_TITLE_CASE_MIN_WORDS = 3
_TITLE_CASE_SHARE = 0.8
# "Kelby: Ferry fares frozen": a topic word or two, a colon, a headline.
_KICKER = re.compile(r"^[A-Z][\w'’.-]*(?:\s+[\w'’.-]+){0,2}:\s+\S")
_MAX_LABEL_WORDS = 3
_LIST_ITEM = re.compile(r"^(?:[-–—•▪*·]|\d{1,2}[.)])\s+\S")
# Hard-wrapped text has lines of a steady, terminal-like width.
_WRAP_MIN_MEDIAN_CHARS = 40
_WRAP_MAX_CHARS = 100
_BLANK_LINES = re.compile(r"\n[ \t\u00a0]*\n")
MAX_PUNCTUATION_RUN = 8
KEPT_PUNCTUATION_RUN = 3
# Marks side by side or a space apart: '" " " " …' costs the NLP as much as '"""" …' (200,000 spaced
# quotation marks took parse 6 s and 900 MB).
_PUNCTUATION_RUN = re.compile(r"(?:[^\w\s] ?){%d,}" % (MAX_PUNCTUATION_RUN + 1))


def paragraphs_of(text: str) -> list[str]:
    """The non-blank lines of `text`, whatever its line endings, with every run
    of spaces (tabs, no-break spaces) inside a line made one plain space, and
    every long run of punctuation cut short (cut_punctuation_runs)."""
    return [cut_punctuation_runs(" ".join(line.split())) for line in _lines(text) if line.strip()]


def cut_punctuation_runs(line: str) -> str:
    """Runs of more than MAX_PUNCTUATION_RUN marks with no letter or digit among them (and at most a
    space between two), cut to their first KEPT_PUNCTUATION_RUN characters: a reader loses nothing ("!!!!!!!!!!!" reads as "!!!"), and
    spaCy's tokenizer splits such a run in quadratic time (a run of 100,000 quotation marks, one
    POST of 100 KB, held the process for about 14 minutes)."""
    return _PUNCTUATION_RUN.sub(_cut, line) if line else line


def _cut(run: re.Match[str]) -> str:
    marks = run.group(0)
    return marks[:KEPT_PUNCTUATION_RUN].rstrip() + (" " if marks.endswith(" ") else "")



def word_count(line: str) -> int:
    return len(line.split())


def ends_like_prose(line: str) -> bool:
    """Whether the line ends a sentence or a clause, looking through closing quotes."""
    return line.rstrip().rstrip(CLOSERS).endswith(SENTENCE_ENDINGS)


def looks_like_headline(line: str) -> bool:
    return len(line) <= MAX_HEADLINE_CHARS and not line.rstrip(CLOSERS).endswith(PROSE_ENDINGS)


def looks_like_sentence_headline(line: str) -> bool:
    """A short one-line headline that an archive closed with a full stop."""
    stripped = line.rstrip(CLOSERS)
    return (
        len(line) <= MAX_HEADLINE_CHARS
        and word_count(line) <= MAX_SENTENCE_HEADLINE_WORDS
        and stripped.endswith(".")
        and not stripped.endswith("..")
    )


def split_headline(paragraphs: list[str]) -> tuple[str | None, list[str]]:
    """(headline or None, the paragraphs after it).

    The first line is the headline when it is short and does not end like a
    sentence, and something follows it. A first line ending with a semicolon is
    a headline whose deck follows on the next line ("Headline; deck"). A short
    line closed by a full stop is a headline only when an article of several
    paragraphs follows, or when it is in Title Case: two short sentences alone
    are more likely a snippet.
    """
    if len(paragraphs) < 2:
        return None, paragraphs
    first = paragraphs[0]
    if first.rstrip().endswith(";") and len(paragraphs) >= 3 and len(first) + len(paragraphs[1]) <= MAX_DECK_CHARS:
        return f"{first.rstrip()} {paragraphs[1]}", paragraphs[2:]
    if looks_like_headline(first):
        return first, paragraphs[1:]
    if looks_like_sentence_headline(first) and (len(paragraphs) >= 3 or is_title_case(first)):
        return first, paragraphs[1:]
    return None, paragraphs


def is_headline_shaped(line: str) -> bool:
    """Written like a headline or a label rather than a sentence: a kicker
    ("Kelby: Ferry fares frozen"), Title Case, capitals, or a word or three."""
    return (
        word_count(line) <= _MAX_LABEL_WORDS
        or bool(_KICKER.match(line))
        or is_title_case(line)
        or line.isupper()
    )


def is_list_item(line: str) -> bool:
    return bool(_LIST_ITEM.match(line))


def is_title_case(line: str) -> bool:
    """Most longer words capitalised, as headlines are and sentences never are."""
    words = [w.strip(CLOSERS + OPENING_QUOTES) for w in line.split()]
    long_words = [w for w in words if len(w) >= _TITLE_CASE_MIN_WORD_CHARS]
    capitalised = sum(1 for w in long_words if w[:1].isupper())
    return capitalised >= _TITLE_CASE_MIN_WORDS and capitalised >= _TITLE_CASE_SHARE * len(long_words)


def split_plain_text(text: str) -> tuple[str | None, str]:
    """Split scraped text into (headline or None, body); see split_headline."""
    title, rest = split_headline(paragraphs_of(text))
    return title, PARAGRAPH_SEPARATOR.join(rest)


def _lines(text: str) -> list[str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    if _is_hard_wrapped(text):
        return [" ".join(block.split()) for block in _BLANK_LINES.split(text)]
    return text.split("\n")


def _is_hard_wrapped(text: str) -> bool:
    """Whether most lines are pieces of paragraphs cut at a fixed width.

    Then blank lines are the only paragraph breaks left; a wrapped text
    without any becomes one paragraph, which is still better than fragments.
    """
    blocks = [[line.strip() for line in block.split("\n") if line.strip()] for block in _BLANK_LINES.split(text)]
    lines = [line for block in blocks for line in block]
    inner = [line for block in blocks if len(block) > 1 for line in block[:-1]]
    if len(inner) < 3 or len(inner) < len(lines) / 3:
        return False
    cut = [line for line in inner if not ends_like_prose(line)]
    widths = [len(line) for line in inner]
    return (
        len(cut) >= 0.7 * len(inner)
        and max(widths) <= _WRAP_MAX_CHARS
        and statistics.median(widths) >= _WRAP_MIN_MEDIAN_CHARS
    )
