"""Lines a page prints twice: pull quotes, echoed headlines, repeated paragraphs.

Pages repeat a sentence of the story as a teaser ("pull quote") above or
inside it, and scrapes often catch the headline twice. The copy inside the
story is the one to keep. Lines are compared by their words only, so that
quote marks, punctuation and case do not hide a repeat.
"""

from __future__ import annotations

import re

from newsflow_parse.text_layout import CLOSING_QUOTES, OPENING_QUOTES, word_count

# Shorter lines ("He said no.") repeat by chance.
MIN_REPEAT_WORDS = 4
# A line found this often is a refrain (or a flood of copies), not a teaser.
_MAX_OCCURRENCES_LOOKED_AT = 20
_LENGTH_RATIO = 0.5
_NON_WORD = re.compile(r"[\W_]+")


def words_key(text: str) -> str:
    """The words of `text`, lower case, single-spaced."""
    return " ".join(_NON_WORD.sub(" ", text.casefold()).split())


def same_words(a: str, b: str) -> bool:
    # Lines of very different lengths cannot hold the same words: skip the work.
    if not _LENGTH_RATIO * len(b) <= len(a) <= len(b) / _LENGTH_RATIO:
        return False
    return word_count(a) >= MIN_REPEAT_WORDS and words_key(a) == words_key(b)


def is_wholly_quoted(line: str) -> bool:
    line = line.strip()
    return len(line) > 2 and line[0] in OPENING_QUOTES and line.rstrip(".").endswith(tuple(CLOSING_QUOTES))


class RepeatIndex:
    """The words of every line of one text, to find a line again inside a longer one."""

    def __init__(self, lines: list[str]):
        # One string for all lines: one fast substring search per question,
        # however many lines the text has.
        self._joined = "\n".join(words_key(line) for line in lines)

    def is_pull_quote(self, line: str) -> bool:
        """A quotation standing alone that a longer line of the text repeats."""
        if not is_wholly_quoted(line) or word_count(line) < MIN_REPEAT_WORDS:
            return False
        key = words_key(line)
        position = self._joined.find(key)
        for _ in range(_MAX_OCCURRENCES_LOOKED_AT):
            if not key or position == -1:
                break
            start = self._joined.rfind("\n", 0, position) + 1
            end = self._joined.find("\n", position)
            if (len(self._joined) if end == -1 else end) - start > len(key):
                return True
            position = self._joined.find(key, position + 1)
        return False
