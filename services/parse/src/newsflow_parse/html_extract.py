"""Main text and metadata of an HTML page, by trafilatura.

trafilatura drops navigation, footers and other boilerplate and reads the
page's metadata (title, author, date, site name) from its meta tags and
markup. Anything it cannot make sense of gives an empty page, never an error:
odd HTML is normal on the web.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import structlog
import trafilatura

from newsflow_parse.text_layout import PARAGRAPH_SEPARATOR, paragraphs_of

log = structlog.get_logger(__name__)

# The lang attribute sits in the first bytes of a page; never scan a whole document for it.
_LANG_SCAN_CHARS = 4096
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
        document = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
    except Exception as exc:  # noqa: BLE001 - a page trafilatura chokes on is an empty page
        log.warning("html extraction failed", url=url, error=repr(exc)[:300])
        document = None
    if document is None:
        return ExtractedPage(url=url, language=_declared_language(html))

    title = _clean(document.title)
    paragraphs = paragraphs_of(document.text or "")
    # trafilatura keeps the article's <h1> as the first line; the title is metadata, not body.
    if paragraphs and title and paragraphs[0] == title:
        paragraphs = paragraphs[1:]
    return ExtractedPage(
        title=title,
        authors=_split_authors(document.author),
        published_at=_clean(document.date),
        site_name=_clean(document.sitename),
        url=_clean(document.url) or url,
        language=_clean(document.language) or _declared_language(html),
        text=PARAGRAPH_SEPARATOR.join(paragraphs),
    )


def _split_authors(author: str | None) -> list[str]:
    # trafilatura joins several authors with "; ".
    return [name.strip() for name in (author or "").split(";") if name.strip()]


def _declared_language(html: str) -> str | None:
    match = _HTML_LANG.search(html[:_LANG_SCAN_CHARS])
    return match.group(1).lower() if match else None


def _clean(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None
