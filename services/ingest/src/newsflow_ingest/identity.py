"""Stable article ids: the same article, however it is re-posted, gets the same id."""

import hashlib
import unicodedata

ID_HEX_CHARS = 16  # 64 bits: a collision is unlikely below billions of articles


def normalize_content(content: str) -> str:
    """Fold what re-posting changes (Unicode forms, line endings, spacing), nothing else."""
    # Most articles are already NFKC (ASCII always is): the quick check costs a tenth of normalizing.
    if not content.isascii() and not unicodedata.is_normalized("NFKC", content):
        content = unicodedata.normalize("NFKC", content)
    # str.split() splits on exactly the characters regex \s matches and drops the ends:
    # the same as collapsing every whitespace run to one space and stripping, at a third of the cost.
    return " ".join(content.split())


def article_id_for(content: str) -> str:
    return hashlib.sha256(normalize_content(content).encode("utf-8")).hexdigest()[:ID_HEX_CHARS]
