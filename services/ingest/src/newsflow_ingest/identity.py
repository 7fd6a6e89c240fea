"""Stable article ids: the same article, however it is re-posted, gets the same id."""

import hashlib
import re
import unicodedata

_WHITESPACE = re.compile(r"\s+")
ID_HEX_CHARS = 16  # 64 bits: a collision is unlikely below billions of articles


def normalize_content(content: str) -> str:
    """Fold what re-posting changes (Unicode forms, line endings, spacing), nothing else."""
    return _WHITESPACE.sub(" ", unicodedata.normalize("NFKC", content)).strip()


def article_id_for(content: str) -> str:
    return hashlib.sha256(normalize_content(content).encode("utf-8")).hexdigest()[:ID_HEX_CHARS]
