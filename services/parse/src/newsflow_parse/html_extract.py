"""Main text and metadata of an HTML page, by trafilatura.

trafilatura drops navigation, footers and other boilerplate and reads the
page's metadata (title, author, date, site name) from its meta tags and
markup. Anything it cannot make sense of gives an empty page, never an error:
odd HTML is normal on the web.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import cast

import structlog
import trafilatura
from trafilatura.settings import Document
from trafilatura.utils import load_html

from newsflow_parse.byline import byline, clean_author_names, names_only
from newsflow_parse.text_layout import PARAGRAPH_SEPARATOR, paragraphs_of

log = structlog.get_logger(__name__)

# The lang attribute sits in the first bytes of a page; never scan a whole document for it.
_LANG_SCAN_CHARS = 4096
_BYLINE_ELEMENTS = "//*[contains(@class, 'byline')]"
_MAX_BYLINE_ELEMENTS = 5
_MAX_BYLINE_CHARS = 200
# What sites put between a headline and their name in <title>.
_TITLE_SEPARATORS = re.compile(r"\s+[|\u2013\u2014\-:\u00b7\u2022]{1,2}\s+")
_HTML_LANG = re.compile(r"<html\b[^>]{0,500}?\blang\s*=\s*[\"']?([A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})?)", re.IGNORECASE)


@dataclass(frozen=True)
class ExtractedPage:
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published_at: str | None = None
    site_name: str | None = None
    url: str | None = None
    language: str | None = None
    text: str = ""


def extract_html(html: str, url: str | None = None) -> ExtractedPage:
    """Main text (one paragraph per line, blank line between) and metadata of a page."""
    try:
        tree = load_html(html)
        title_element = _clean(tree.findtext(".//title")) if tree is not None else None
        marked_authors = _byline_element_authors(tree) if tree is not None else []
        # A Document, never a dict: as_dict (deprecated) is left False.
        document = (
            cast(Document | None,
                 trafilatura.bare_extraction(tree, url=url, with_metadata=True, include_comments=False))
            if tree is not None
            else None
        )
    except Exception as exc:  # noqa: BLE001 - a page trafilatura chokes on is an empty page
        log.warning("html extraction failed", url=url, error=repr(exc)[:300])
        document = None
    if document is None:
        return ExtractedPage(url=url, language=_declared_language(html))

    site_name = _clean(document.sitename)
    title = _checked_title(_clean(document.title), title_element, site_name)
    paragraphs = paragraphs_of(document.text or "")
    # trafilatura keeps the article's <h1> as the first line; the title is metadata, not body.
    if paragraphs and title and paragraphs[0] == title:
        paragraphs = paragraphs[1:]
    return ExtractedPage(
        title=title,
        authors=clean_author_names(_split_authors(document.author)) or marked_authors,
        published_at=_clean(document.date),
        site_name=site_name,
        url=_clean(document.url) or url,
        language=_clean(document.language) or _declared_language(html),
        text=PARAGRAPH_SEPARATOR.join(paragraphs),
    )


def _checked_title(title: str | None, title_element: str | None, site_name: str | None) -> str | None:
    """The extracted title, unless it shares no word with the page's <title>.

    Without og:title, trafilatura takes the page's <h1>, which on some sites
    is the section's name ("Health Centre") while <title> names the
    article; a title with nothing in common with <title> is such a heading.
    """
    named = _without_site_name(title_element, site_name)
    if not title or not named:
        return title or named
    return title if _content_words(title) & _content_words(named) else named


def _without_site_name(title_element: str | None, site_name: str | None) -> str | None:
    """"Headline | Site" or "Headline - Site" -> "Headline"."""
    if not title_element:
        return None
    parts = [p.strip() for p in _TITLE_SEPARATORS.split(title_element) if p.strip()]
    site = (site_name or "").casefold()
    parts = [p for p in parts if p.casefold() != site]
    # A <title> that is only the site's name names no article.
    return max(parts, key=len) if parts else None


def _content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"\w+", text.casefold()) if len(w) > 3}


def _byline_element_authors(tree) -> list[str]:
    """Authors named in the page's first element marked as a byline (class "byline", "pb-byline", ...).

    Only a fallback for pages whose metadata trafilatura cannot read an author
    from; the first such element is the story's, later ones tend to be teasers.
    """
    for element in tree.xpath(_BYLINE_ELEMENTS)[:_MAX_BYLINE_ELEMENTS]:
        text = " ".join(element.text_content().split())
        if not text or len(text) > _MAX_BYLINE_CHARS:
            continue
        signed = byline(text)
        names = signed.authors if signed else names_only(text)
        if names:
            return names
    return []


def _split_authors(author: str | None) -> list[str]:
    # trafilatura joins several authors with "; ".
    return [name.strip() for name in (author or "").split(";") if name.strip()]


def _declared_language(html: str) -> str | None:
    match = _HTML_LANG.search(html[:_LANG_SCAN_CHARS])
    return match.group(1).lower() if match else None


def _clean(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None
