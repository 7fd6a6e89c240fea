"""Direct quotes: text between quotation marks, with the reporting cue and speaker mention.

Deliberately simple rules, meant to be deepened later:
- A quote never crosses a paragraph (line). Multi-paragraph quotes open every
  paragraph without closing the previous one, so pairing marks across lines
  would match the wrong marks.
- Marks pair in order: “ opens, ” closes, a straight " closes an open quote or
  opens one. An opener met while a quote is open restarts the quote there (the
  first one was never closed). Single quotes are ignored: they double as
  apostrophes.
- Fewer than three words between the marks is a scare quote or a title, not
  speech.
- The cue and speaker come from the text right after the quote (`"…," Name
  said`, `"…," said Name`, `"…," he told reporters`) or right before it
  (`Name said: "…"`). A quote without either borrows the attribution of another
  quote in its paragraph, since one paragraph quotes one speaker in news style.

Every regex runs on a bounded window around one quote, and the scans over the
text are linear, so no input (unbalanced marks, megabytes of text, any
language) can make this slow or make it raise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from newsflow_shared.events import Quote

MIN_QUOTE_WORDS = 3
# How far around a quote its attribution may be; also what bounds every regex's work.
CONTEXT_CHARS = 160
MAX_SPEAKER_WORDS = 6

CUE_VERBS = ("said", "says", "told", "added", "asked", "stated", "explained", "wrote", "noted", "warned", "insisted")
PRONOUNS = frozenset({"he", "she", "they", "we", "i", "it"})
DETERMINERS = frozenset({"the", "a", "an", "his", "her", "its", "their"})

OPENING, CLOSING = "“", "”"  # a straight " can be either
_MARK = re.compile('[“”"]')
_PARAGRAPH = re.compile(r"[^\n]+")
_WORD = r"[\w'’.\-]+"
# "According to X, …" starts sentences, so its capital form counts too.
_CUE = "(?:[Aa]ccording to|" + "|".join(CUE_VERBS) + ")"
_CAPITAL = "A-ZÀ-ÖØ-Þ"
# A capitalised word. A period belongs to it only in an initialism ("U.N."), an initial
# ("John F. Kennedy") or a title ("Mr."), so the full stop of `said Lavrov.` stays out.
_NAME_WORD = (
    rf"(?:[{_CAPITAL}]\.(?:[{_CAPITAL}]\.)+|[{_CAPITAL}]\.(?=\s+[{_CAPITAL}])"
    rf"|(?:Mr|Mrs|Ms|Dr|Prof|Gen|Sen|Rep|Gov|Col|Lt|Sgt|St)\.|[{_CAPITAL}][\w'’\-]*)"
)

# `"…," said Name` / `"…," said the minister` / `"…," according to Name`
_TAIL_CUE_FIRST = re.compile(
    rf"[\s,]*(?P<cue>{_CUE})\s+(?P<speaker>"
    rf"(?i:he|she)\b"
    rf"|{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,4}}"
    rf"|(?:the|a|an)\s+[\w'’\-]+(?:\s+[\w'’\-]+){{0,2}}?(?=\s*(?:[,.;:!?]|$))"
    rf")"
)
# `"…," Name said` / `"…," he told reporters`
_TAIL_SPEAKER_FIRST = re.compile(
    rf"[\s,]*(?P<speaker>{_WORD}(?:\s+{_WORD}){{0,{MAX_SPEAKER_WORDS - 1}}}?)"
    rf"\s+(?:(?:has|have|had)\s+)?(?P<cue>{_CUE})\b"  # "an official has said"
)
# `Name said: "…"` / `Name told reporters on Monday: "…"`
_LEAD_CUE = re.compile(rf"\b(?P<cue>{_CUE})(?P<object>(?:\s+[\w'’\-]+){{0,3}}?)\s*[:,]\s*$")


@dataclass(frozen=True)
class Attribution:
    cue: str
    speaker: str | None
    speaker_start: int | None
    speaker_end: int | None


@dataclass(frozen=True)
class _Found:
    start: int
    end: int
    attribution: Attribution | None


def extract_quotes_batch(articles: list[tuple[str, str]]) -> list[list[Quote]]:
    """The quotes of each (article_id, body), in order: the parse stage's one entry point."""
    return [extract_direct_quotes(body, article_id) for article_id, body in articles]


def extract_direct_quotes(body: str, article_id: str) -> list[Quote]:
    """Direct quotes in `body`, in order, with ids `{article_id}-q{n}` counted from 1."""
    found: list[_Found] = []
    for paragraph in _PARAGRAPH.finditer(body):
        found.extend(_quotes_in_paragraph(paragraph.group(), paragraph.start()))
    return [
        Quote(
            id=f"{article_id}-q{n}",
            text=body[q.start : q.end],
            kind="direct",
            start=q.start,
            end=q.end,
            cue=q.attribution.cue if q.attribution else None,
            speaker=q.attribution.speaker if q.attribution else None,
            speaker_start=q.attribution.speaker_start if q.attribution else None,
            speaker_end=q.attribution.speaker_end if q.attribution else None,
        )
        for n, q in enumerate(found, start=1)
    ]


def quoted_spans(paragraph: str) -> Iterator[tuple[int, int]]:
    """(opening mark, closing mark) positions of balanced quotes in one paragraph."""
    opened: int | None = None
    for mark in _MARK.finditer(paragraph):
        char, at = mark.group(), mark.start()
        if opened is None:
            if char != CLOSING:  # a stray closer has nothing to close
                opened = at
        elif char == OPENING:
            opened = at
        else:
            yield opened, at
            opened = None


def _quotes_in_paragraph(paragraph: str, offset: int) -> list[_Found]:
    """Quotes of one paragraph, with offsets into the body (`offset` is where the paragraph starts)."""
    found: list[_Found] = []
    previous_close = -1
    for open_at, close_at in quoted_spans(paragraph):
        start, end = _inner_bounds(paragraph, open_at, close_at)
        if len(paragraph[start:end].split()) >= MIN_QUOTE_WORDS:
            attribution = _attribution_after(paragraph, close_at + 1) or _attribution_before(
                paragraph, max(previous_close + 1, open_at - CONTEXT_CHARS), open_at
            )
            found.append(_Found(start + offset, end + offset, _shifted(attribution, offset)))
        previous_close = close_at
    return _share_attributions(found)


def _inner_bounds(paragraph: str, open_at: int, close_at: int) -> tuple[int, int]:
    """The quoted text without surrounding spaces or the comma that hands over to the cue."""
    start, end = open_at + 1, close_at
    while start < end and paragraph[start].isspace():
        start += 1
    while end > start and (paragraph[end - 1].isspace() or paragraph[end - 1] == ","):
        end -= 1
    return start, end


def _attribution_after(paragraph: str, tail_start: int) -> Attribution | None:
    tail = paragraph[tail_start : tail_start + CONTEXT_CHARS]
    next_mark = _MARK.search(tail)
    if next_mark:
        tail = tail[: next_mark.start()]
    match = _TAIL_CUE_FIRST.match(tail)
    if match:
        return _attribution(match.group("cue"), tail, match.start("speaker"), match.end("speaker"), tail_start)
    match = _TAIL_SPEAKER_FIRST.match(tail)
    if match:
        start, end = _trim_speaker(tail, match.start("speaker"), match.end("speaker"))
        return _attribution(match.group("cue"), tail, start, end, tail_start)
    return None


def _attribution_before(paragraph: str, lead_start: int, open_at: int) -> Attribution | None:
    lead = paragraph[lead_start:open_at]
    match = _LEAD_CUE.search(lead)
    if not match:
        return None
    cue = match.group("cue")
    if cue.lower() == "according to":  # "According to the ministry: "…"": the speaker follows the cue
        if not match.group("object").strip():
            return Attribution(cue=cue, speaker=None, speaker_start=None, speaker_end=None)
        start, end = match.start("object"), match.end("object")
        start += len(lead[start:end]) - len(lead[start:end].lstrip())
        return _attribution(cue, lead, start, end, lead_start)
    words = _trailing_words(lead, match.start("cue"))
    if not words:
        return Attribution(cue=cue, speaker=None, speaker_start=None, speaker_end=None)
    start, end = _trim_speaker(lead, words[0][0], words[-1][1])
    return _attribution(cue, lead, start, end, lead_start)


def _trailing_words(text: str, before: int) -> list[tuple[int, int]]:
    """Up to MAX_SPEAKER_WORDS words right before `before`, stopping at clause punctuation.

    A comma right before the cue closes an apposition ("The operator, Bluewater
    Lines, said:"), whose words name the speaker.
    """
    words: list[tuple[int, int]] = []
    for word in reversed(list(re.finditer(r"\S+", text[:before]))):
        start, end = word.start(), word.end()
        if not words and word.group() != "," and word.group().endswith(","):
            end -= 1
        elif len(words) == MAX_SPEAKER_WORDS or word.group()[-1] in ",;:.!?\"“”)":
            break
        words.insert(0, (start, end))
    return words


def _trim_speaker(text: str, start: int, end: int) -> tuple[int, int]:
    """Narrow a run of words before a cue to its speaker mention.

    "Yesterday he" -> "he"; "the foreign minister Sergey Lavrov" -> "Sergey Lavrov";
    "on Monday the minister" -> "the minister"; anything else stays whole.
    """
    words = [(start + m.start(), start + m.end()) for m in re.finditer(r"\S+", text[start:end])]
    if not words:
        return start, end
    last = text[words[-1][0] : words[-1][1]]
    if last.lower() in PRONOUNS:
        return words[-1]
    if last[0].isupper():
        first = len(words) - 1
        while first > 0 and text[words[first - 1][0]].isupper():
            first -= 1
        return words[first][0], words[-1][1]
    for i in range(len(words) - 1, -1, -1):
        if text[words[i][0] : words[i][1]].lower() in DETERMINERS:
            return words[i][0], words[-1][1]
    return start, end


def _attribution(cue: str, text: str, start: int, end: int, offset: int) -> Attribution:
    return Attribution(cue=cue, speaker=text[start:end], speaker_start=start + offset, speaker_end=end + offset)


def _shifted(attribution: Attribution | None, offset: int) -> Attribution | None:
    if attribution is None or attribution.speaker_start is None:
        return attribution
    return Attribution(
        cue=attribution.cue,
        speaker=attribution.speaker,
        speaker_start=attribution.speaker_start + offset,
        speaker_end=attribution.speaker_end + offset,
    )


def _share_attributions(found: list[_Found]) -> list[_Found]:
    """Give an unattributed quote the nearest preceding (else following) attribution in its paragraph."""
    preceding: list[Attribution | None] = []
    last = None
    for quote in found:
        preceding.append(last)
        last = quote.attribution or last
    shared: list[_Found] = []
    following = None
    for quote, before in zip(reversed(found), reversed(preceding)):
        shared.append(_Found(quote.start, quote.end, quote.attribution or before or following))
        following = quote.attribution or following
    return shared[::-1]
