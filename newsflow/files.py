"""Article files on disk: .txt, .html/.htm, .json (one object) and .jsonl/.ndjson (one per line)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

TEXT_SUFFIXES = {".txt"}
HTML_SUFFIXES = {".html", ".htm"}
JSON_SUFFIXES = {".json"}
JSON_LINES_SUFFIXES = {".jsonl", ".ndjson"}
ARTICLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | JSON_LINES_SUFFIXES


@dataclass(frozen=True)
class ArticleFile:
    """One article read from disk: the fields ingest accepts, and where it came from."""

    origin: str
    fields: dict


def article_paths(paths: list[Path]) -> Iterator[Path]:
    """Files named, and article files under folders named (sorted, so runs are repeatable)."""
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES)
        else:
            yield path


def read_articles(path: Path) -> Iterator[ArticleFile]:
    """The articles in one file; raises ValueError naming the file and the problem."""
    suffix = path.suffix.lower()
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    if suffix in TEXT_SUFFIXES:
        yield ArticleFile(str(path), {"text": text, "external_id": path.name})
    elif suffix in HTML_SUFFIXES:
        yield ArticleFile(str(path), {"html": text, "external_id": path.name})
    elif suffix in JSON_SUFFIXES:
        yield ArticleFile(str(path), _json_object(text, str(path)))
    elif suffix in JSON_LINES_SUFFIXES:
        for number, line in enumerate(text.splitlines(), start=1):
            if line.strip():
                yield ArticleFile(f"{path}:{number}", _json_object(line, f"{path}:{number}"))
    else:
        raise ValueError(f"{path}: unsupported file type {suffix or '(none)'}: use .txt, .html, .json or .jsonl")


def _json_object(text: str, origin: str) -> dict:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"{origin}: malformed JSON: {exc.msg} at line {exc.lineno}") from None
    if not isinstance(data, dict):
        raise ValueError(f"{origin}: expected a JSON object with text or html")
    return data
