"""Cutting a long text into pieces of bounded length, at the best boundary in reach.

NLP models take time and memory that grow with a text's length, and spaCy
refuses texts past its max_length; news bodies are short, but ingest accepts
up to megabytes. Each piece ends at the last `boundary` match in its second
half (a paragraph break, a sentence end), else at the last space, else exactly
at the limit. The pieces are contiguous: together they are the text.
"""

from __future__ import annotations

import re
from typing import Iterator

SPACE = re.compile(r" ")


def split_spans(text: str, start: int, end: int, max_chars: int, boundary: re.Pattern[str] = SPACE) -> Iterator[tuple[int, int]]:
    """(start, end) of consecutive pieces of text[start:end], none longer than max_chars."""
    if max_chars < 1:
        raise ValueError(f"max_chars must be at least 1, not {max_chars}")
    while end - start > max_chars:
        window_end = start + max_chars
        cut = -1
        for match in boundary.finditer(text, start + max_chars // 2, window_end):
            cut = match.end()
        if cut <= start:
            cut = text.rfind(" ", start, window_end) + 1
        if cut <= start:
            cut = window_end
        yield start, cut
        start = cut
    if end > start:
        yield start, end
