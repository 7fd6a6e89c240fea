"""The word lists live in one place, as data keyed by language (issue 19), and every list the code reads is there."""

import re
from pathlib import Path

import pytest

from newsflow_shared.wordlists import LANGUAGES, lists_of, table, words

REPO = Path(__file__).resolve().parents[2]
SOURCES = [*REPO.glob("shared/src/**/*.py"), *REPO.glob("services/*/src/**/*.py")]
_READ = re.compile(r"""\b(words|table)\("([a-z_]+\.[a-z_]+)"\)""")


def lists_read_by_the_code() -> set[tuple[str, str]]:
    return {match.groups() for path in SOURCES for match in _READ.finditer(path.read_text())}


def test_every_list_the_code_reads_is_in_the_english_file_as_what_it_is_read_as():
    read = lists_read_by_the_code()
    assert len(read) > 50  # the rules' lists, not a handful
    for reader, key in sorted(read):
        value = words(key) if reader == "words" else table(key)
        assert value, f"{key} is empty"


def test_every_list_in_the_file_is_read_by_some_code():
    read = {key for _, key in lists_read_by_the_code()}
    listed = {f"{module}.{name}" for module, entries in lists_of("en").items() for name in entries}
    assert listed - read == set(), "lists nothing reads: remove them or use them"


def test_the_languages_declared_are_the_files_there():
    folder = Path(words.__code__.co_filename).parent
    assert sorted(path.stem for path in folder.glob("*.toml")) == sorted(LANGUAGES)


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_has_every_list_english_has(language):
    english = {(module, name) for module, entries in lists_of("en").items() for name in entries}
    other = {(module, name) for module, entries in lists_of(language).items() for name in entries}
    assert english - other == set()


def test_reading_a_list_wrongly_names_the_mistake():
    with pytest.raises(KeyError, match="no word list 'cues.no_such_list' in en.toml"):
        words("cues.no_such_list")
    with pytest.raises(TypeError, match="is a table"):
        words("cues.irregular_forms")
    with pytest.raises(TypeError, match="is a list of words"):
        table("cues.speech_verbs")
    with pytest.raises(ValueError, match="no word lists for language 'xx'"):
        words("cues.speech_verbs", "xx")


def test_lists_read_as_the_rules_expect():
    assert {"say", "tell", "urge"} <= words("cues.speech_verbs")
    assert table("cues.prepositional_cues")["comment"] == ("on", "about")
    assert table("cues.irregular_forms")["say"] == "said says"
