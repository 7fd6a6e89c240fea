"""The layout of scraped plain text: a headline line, then the body's paragraphs.

Scraped news text keeps one paragraph per line (there are no hard wraps), with
or without blank lines between them. The body is normalised to one paragraph
per line and a blank line between paragraphs, whatever the input used, so every
later offset refers to one predictable shape of text.
"""

from __future__ import annotations

MAX_HEADLINE_CHARS = 200
# A line ending like a sentence (or introducing one) is prose, not a headline.
PROSE_ENDINGS = (".", ",", ";", ":")
PARAGRAPH_SEPARATOR = "\n\n"


def paragraphs_of(text: str) -> list[str]:
    """The non-blank lines of `text`, stripped, whatever its line endings."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    return [line.strip() for line in text.split("\n") if line.strip()]


def normalise_body(text: str) -> str:
    return PARAGRAPH_SEPARATOR.join(paragraphs_of(text))


def looks_like_headline(line: str) -> bool:
    return len(line) <= MAX_HEADLINE_CHARS and not line.endswith(PROSE_ENDINGS)


def split_plain_text(text: str) -> tuple[str | None, str]:
    """Split scraped text into (headline or None, body).

    The first line is the headline when it is short and does not end like a
    sentence, and something follows it; a blank line after it is usual but not
    required. A lone line is body: a one-line text is more likely a snippet
    than a headline without an article.
    """
    paragraphs = paragraphs_of(text)
    if len(paragraphs) >= 2 and looks_like_headline(paragraphs[0]):
        return paragraphs[0], PARAGRAPH_SEPARATOR.join(paragraphs[1:])
    return None, PARAGRAPH_SEPARATOR.join(paragraphs)
