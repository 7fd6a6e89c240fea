"""The word lists the rules match against, kept as data, one file per language (en.toml).

A list is named "<module>.<list>": the module that uses it and what it holds. words() gives a
set of words, table() a mapping (a word to its forms or prepositions). Files are read once.
"""

from __future__ import annotations

import functools
import tomllib
from pathlib import Path
from typing import Any

LANGUAGES = ("en",)
DEFAULT_LANGUAGE = "en"
_FOLDER = Path(__file__).resolve().parent


@functools.cache
def lists_of(language: str = DEFAULT_LANGUAGE) -> dict[str, dict[str, Any]]:
    if language not in LANGUAGES:
        raise ValueError(f"no word lists for language {language!r}: there are {', '.join(LANGUAGES)}")
    with open(_FOLDER / f"{language}.toml", "rb") as file:
        return tomllib.load(file)


def _entry(key: str, language: str) -> Any:
    module, _, name = key.partition(".")
    try:
        return lists_of(language)[module][name]
    except KeyError:
        raise KeyError(f"no word list {key!r} in {language}.toml") from None


def words(key: str, language: str = DEFAULT_LANGUAGE) -> frozenset[str]:
    """The words of a list ("cues.speech_verbs")."""
    entry = _entry(key, language)
    if not isinstance(entry, str):
        raise TypeError(f"{key!r} is a table, not a list of words: read it with table()")
    return frozenset(entry.split())


def table(key: str, language: str = DEFAULT_LANGUAGE) -> dict[str, Any]:
    """A mapping ("cues.irregular_forms"); its lists are tuples."""
    entry = _entry(key, language)
    if not isinstance(entry, dict):
        raise TypeError(f"{key!r} is a list of words, not a table: read it with words()")
    return {word: tuple(value) if isinstance(value, list) else value for word, value in entry.items()}
