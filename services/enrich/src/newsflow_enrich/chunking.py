"""Long bodies in pieces spaCy accepts, joined back so offsets still point into the body.

spaCy refuses texts over nlp.max_length (1,000,000 characters) and its memory
grows with the tokens of a text; ingest accepts up to 5 MB. Pieces of 5,000
characters bound it: 50,000 one-character lines (100 KB, 100,000 tokens) took
1.7 GB in pieces of 100,000 characters, 415 MB in these (about 9 s either way).
On PolNeAR dev one article of 84 changed, at a piece boundary; the scores did not. Pieces end at a line
break (or else at a space), so no entity is cut in the usual case, and the
pieces concatenate to exactly the original text.
"""

from __future__ import annotations

import re
from typing import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from newsflow_shared.text_pieces import split_spans

MAX_PIECE_CHARS = 5_000
_LINE_BREAK = re.compile("\n")


def split_for_nlp(text: str, max_chars: int = MAX_PIECE_CHARS) -> list[str]:
    """Pieces of at most max_chars that end at a line break where possible."""
    return [text[start:end] for start, end in split_spans(text, 0, len(text), max_chars, _LINE_BREAK)] or [text]


def pipe_long_texts(nlp: Language, texts: Iterable[str], batch_size: int) -> Iterator[Doc]:
    """Like nlp.pipe, for texts of any length: one Doc per text, with the same text."""
    texts = list(texts)
    pieces_per_text = [split_for_nlp(text) for text in texts]
    docs = nlp.pipe((piece for pieces in pieces_per_text for piece in pieces), batch_size=batch_size)
    for pieces in pieces_per_text:
        parts = [next(docs) for _ in pieces]
        yield parts[0] if len(parts) == 1 else Doc.from_docs(parts, ensure_whitespace=False)
