"""Scraped news text read as a page: headline, header lines, story, trailer.

A scraped article keeps the page's layout as lines: before the story, a
header of headline, byline, date stamp, photo caption and stray widgets; then
the story's paragraphs with captions, subheadings and promotions between
them; then notes about the writer, credits and the copyright notice. Each
line is recognised for what it is (the imported modules each know one kind),
metadata is taken from the lines that carry it, and the body keeps only the
story's prose, one paragraph per line.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from newsflow_parse import boilerplate, byline, captions, dates, dateline, wire_agency
from newsflow_parse.repeats import MIN_REPEAT_WORDS, RepeatIndex, same_words, words_key
from newsflow_parse.site_name import find_site_name, names_site
from newsflow_parse.text_layout import (
    PARAGRAPH_SEPARATOR,
    ends_like_prose,
    is_headline_shaped,
    is_list_item,
    looks_like_sentence_headline,
    paragraphs_of,
    split_headline,
    word_count,
)

# A paragraph is at least a short sentence; a longer line is prose even without a full stop.
MIN_PROSE_WORDS = 5
MIN_UNPUNCTUATED_PROSE_WORDS = 20
# The header above a story is a handful of lines; past that, what looks like header is story.
MAX_HEADER_LINES = 10
# When many lines are short and unpunctuated the text is a list or a poem, not
# paragraphs with stray headings between them, and those lines stay.
MAX_SHORT_LINE_SHARE = 0.4
# Only the beginning of a story is searched for the date it happened.
LEAD_DATE_SCAN_CHARS = 1000


@dataclass
class TextArticle:
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published_at: str | None = None
    dateline: str | None = None
    agency: str | None = None
    site_name: str | None = None
    captions: list[str] = field(default_factory=list)
    body: str = ""


@dataclass
class _Reading:
    """What the lines have told so far."""

    repeats: RepeatIndex
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    header_dates: list[str] = field(default_factory=list)
    story_dates: list[str] = field(default_factory=list)
    agencies: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)

    def add_authors(self, names: list[str]) -> None:
        for name in names:
            if name.casefold() not in {a.casefold() for a in self.authors}:
                self.authors.append(name)


def read_text_article(
    text: str, *, identifiers: tuple[str | None, ...] = (), headline: str | None = None, headline_in_text: bool = True
) -> TextArticle:
    """Metadata and clean body of scraped article text.

    With `headline_in_text` false the text has no headline line (a page's
    markup gave the `headline`, if any), and only echoes of it are removed.
    `identifiers` (file name, URL) may carry the date when the text does not.
    """
    lines = paragraphs_of(text)
    # The page's notices and prompts name its site; read them before they are dropped.
    site_name = find_site_name(lines)
    reading = _Reading(repeats=RepeatIndex(lines))
    after_furniture = _skip_leading_furniture(lines, reading)
    if headline_in_text:
        reading.title, lines = _headline(after_furniture, reading, after_furniture=len(after_furniture) < len(lines))
    else:
        reading.title, lines = headline, after_furniture
    standfirst, rest = _read_header(lines, reading)
    story = standfirst + _read_story(rest, reading)
    story = _read_trailer(story, reading)
    place, agency, story = _read_dateline(story)
    return TextArticle(
        title=reading.title,
        # "Follow Kelby Chronicle on Twitter" is shaped like a writer's follow line, but names the site.
        authors=[author for author in reading.authors if not names_site(author, site_name)],
        published_at=_published_at(reading, story, identifiers),
        dateline=place,
        agency=agency or next(iter(reading.agencies), None),
        site_name=site_name,
        captions=reading.captions,
        body=PARAGRAPH_SEPARATOR.join(story),
    )


def _skip_leading_furniture(lines: list[str], reading: _Reading) -> list[str]:
    """Widgets and a lead photo's caption above the headline ("Now Reading", "• ... Source: Supplied")."""
    start = 0
    while start < min(len(lines), MAX_HEADER_LINES):
        line = lines[start]
        if captions.is_caption(line):
            reading.captions.append(captions.caption_text(line))
        elif not boilerplate.is_boilerplate(line):
            break
        start += 1
    return lines[start:]


def _headline(lines: list[str], reading: _Reading, *, after_furniture: bool) -> tuple[str | None, list[str]]:
    title, rest = split_headline(lines)
    if title is None and len(lines) >= 2 and looks_like_sentence_headline(lines[0]) and dateline.find_dateline(lines[1]):
        return lines[0], lines[1:]  # what comes before a dateline is not the story
    # A story's first paragraph is not a headline, however short; nor is a
    # quotation from the story shown under a lead photo (a pull quote).
    if title is None or dateline.find_dateline(title) or (after_furniture and reading.repeats.is_pull_quote(title)):
        return None, lines
    return title, rest


def _read_header(lines: list[str], reading: _Reading) -> tuple[list[str], list[str]]:
    """Read the lines above the story's first paragraph of prose.

    Returns (the header lines to keep, the lines from the first paragraph on).
    Headline-shaped lines of the header that carry no metadata are kickers and
    other stories' headlines, and are dropped; other short lines may be a
    standfirst without a full stop, and stay. When no prose comes within the
    header's reach the text has no header of that shape, and all lines stay.
    """
    kept: list[str] = []
    strays: list[str] = []
    for index, line in enumerate(lines[:MAX_HEADER_LINES]):
        if _read_metadata_line(line, reading, in_header=True):
            continue
        # A sentence, however short, starts the story: widgets and other stories' headlines do not end like one.
        if _is_prose(line) or ends_like_prose(line):
            return kept, lines[index:]
        names = byline.names_only(line)
        # A line of names is a byline when it sits under the headline or by the date stamp.
        neighbours = [n for n in lines[max(0, index - 1) : index + 2] if n is not line]
        if names and (index == 0 or any(dates.date_line_date(n) for n in neighbours)):
            reading.add_authors(names)
            continue
        strays.append(line)
        if not is_headline_shaped(line):
            kept.append(line)
    return strays, lines[MAX_HEADER_LINES:]


def _read_story(lines: list[str], reading: _Reading) -> list[str]:
    """The story's paragraphs, without the captions, widgets and headings between them."""
    candidates: list[str] = []
    in_other_stories = False
    for line in lines:
        if boilerplate.introduces_other_stories(line):
            in_other_stories = True
            continue
        if in_other_stories and not _is_prose(line):
            continue  # the headlines listed under "Read more from ...:"
        in_other_stories = False
        if not _read_metadata_line(line, reading, in_header=False):
            candidates.append(line)
    drop_short_lines = _short_lines_are_strays(candidates)
    kept: list[str] = []
    seen: set[str] = set()
    for line in candidates:
        if drop_short_lines and _is_short_unpunctuated(line) and not is_list_item(line):
            continue  # a subheading, a caption without a credit, another story's headline
        key = words_key(line)
        if word_count(line) >= MIN_REPEAT_WORDS and key in seen:
            continue
        seen.add(key)
        kept.append(line)
    return kept


def _read_metadata_line(line: str, reading: _Reading, *, in_header: bool) -> bool:
    """Take what a line that is not story says into `reading`; False for story lines."""
    if reading.title and same_words(line, reading.title):
        return True
    if reading.repeats.is_pull_quote(line):
        return True
    if captions.is_caption(line):
        reading.captions.append(captions.caption_text(line))
        return True
    stamped = dates.date_line_date(line)
    if stamped:
        (reading.header_dates if in_header else reading.story_dates).append(stamped)
        return True
    signed = byline.byline(line)
    if signed and word_count(line) < MIN_UNPUNCTUATED_PROSE_WORDS:
        reading.add_authors(signed.authors)
        reading.agencies += [signed.agency] if signed.agency else []
        return True
    return _read_furniture(line, reading)


def _read_furniture(line: str, reading: _Reading) -> bool:
    """Notices, credits and prompts: dropped, but some name an author or an agency."""
    reading.add_authors(byline.follow_line_authors(line))
    credited_agency = wire_agency.agency_of_credit_line(line)
    if credited_agency:
        reading.agencies.append(credited_agency)
        reading.add_authors(byline.credit_line_authors(line))
    if boilerplate.is_copyright_notice(line):
        noticed = wire_agency.agency_in_notice(line)
        reading.agencies += [noticed] if noticed else []
    return boilerplate.is_boilerplate(line)


def _read_trailer(story: list[str], reading: _Reading) -> list[str]:
    """A note about the writer closing the story: an op-ed's bio line, a sign-off."""
    if len(story) < 2:
        return story
    last = story[-1]
    author = byline.sign_off_author(last) or byline.bio_author(last, " ".join(story[:-1]))
    if author is None:
        return story
    reading.add_authors([author])
    return story[:-1]


def _read_dateline(story: list[str]) -> tuple[str | None, str | None, list[str]]:
    found = dateline.find_dateline(story[0]) if story else None
    if found is None:
        return None, None, story
    lead = story[0][found.end :].strip()
    return found.place, found.agency, ([lead] if lead else []) + story[1:]


def _published_at(reading: _Reading, story: list[str], identifiers: tuple[str | None, ...]) -> str | None:
    """The date stamp under the headline; else a date in the file name or URL,
    as archives name files; else a stamp further down; else a complete date in
    a photo caption or the first paragraph, which wire stories date by the
    day of the event ("Tuesday, March 4, 2025")."""
    if reading.header_dates:
        return reading.header_dates[0]
    for identifier in identifiers:
        found = dates.identifier_date(identifier)
        if found:
            return found
    if reading.story_dates:
        return reading.story_dates[0]
    for text in [*reading.captions, *story[:1]]:
        found = dates.published_of(dates.find_dates(text[:LEAD_DATE_SCAN_CHARS]))
        if found:
            return found[:10]
    return None


def _is_prose(line: str) -> bool:
    words = word_count(line)
    return words >= MIN_UNPUNCTUATED_PROSE_WORDS or (words >= MIN_PROSE_WORDS and ends_like_prose(line))


def _is_short_unpunctuated(line: str) -> bool:
    return word_count(line) < MIN_UNPUNCTUATED_PROSE_WORDS and not ends_like_prose(line)


def _short_lines_are_strays(lines: list[str]) -> bool:
    return sum(1 for line in lines if _is_short_unpunctuated(line)) <= MAX_SHORT_LINE_SHARE * len(lines)
