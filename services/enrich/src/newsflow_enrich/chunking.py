"""Long bodies in pieces spaCy accepts, joined back so offsets still point into the body.

spaCy refuses texts over nlp.max_length (1,000,000 characters) and its memory
grows with text length; ingest accepts up to 5 MB. Pieces end at a paragraph
break (or else at a space), so no entity is cut in the usual case, and the
pieces concatenate to exactly the original text.
"""

from __future__ import annotations

from typing import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

MAX_PIECE_CHARS = 100_000


def split_for_nlp(text: str, max_chars: int = MAX_PIECE_CHARS) -> list[str]:
    pieces, start = [], 0
    while len(text) - start > max_chars:
        window_end = start + max_chars
        cut = text.rfind("\n", start, window_end)
        if cut <= start:
            cut = text.rfind(" ", start, window_end)
        cut = window_end if cut <= start else cut + 1
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])
    return pieces


def pipe_long_texts(nlp: Language, texts: Iterable[str], batch_size: int) -> Iterator[Doc]:
    """Like nlp.pipe, for texts of any length: one Doc per text, with the same text."""
    texts = list(texts)
    pieces_per_text = [split_for_nlp(text) for text in texts]
    docs = nlp.pipe((piece for pieces in pieces_per_text for piece in pieces), batch_size=batch_size)
    for pieces in pieces_per_text:
        parts = [next(docs) for _ in pieces]
        yield parts[0] if len(parts) == 1 else Doc.from_docs(parts, ensure_whitespace=False)
