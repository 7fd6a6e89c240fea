"""Attributions in a headline: "Pence: Flowers won't be at debate", "Lawmaker urges retaliation on Russia".

A headline is parsed as a body of one line by the same rules (quotes.py), and
one rule of its own applies: `SOURCE: claim`, where a short capitalised
source before the first colon said or found what follows ("Poll: …",
"Sanders: Clinton needs to 'get away …'"); a label ("The Latest:",
"Exclusive:", "Watch:") is no source. Only attributions with a speaker are
kept: a headline quoting no one ("Parents rally to 'Reclaim Our Schools'")
attributes nothing. Offsets index the title, ids end in -t1, -t2 …
(`title_quotes` in the contract, apart from the body's `quotes`).
"""

from __future__ import annotations

import re

from newsflow_shared.events import Quote, QuoteKind, QuotePart, TitleQuote
from newsflow_shared.wordlists import words

from newsflow_parse import rules
from newsflow_parse.cues import verb_lemma
from newsflow_parse.quotes import extract_quotes_batch
from newsflow_parse.text_layout import is_title_case

# Words that start a headline's label or exclamation rather than name a source.
LABELS = words("headline_quotes.labels")
# Lowercase words a source's name may hold ("Obama on Climate Change", "Leader of the House").
NAME_PARTICLES = words("headline_quotes.name_particles")
SOURCE_NOUNS = words("headline_quotes.source_nouns")
FUNCTION_WORDS = words("headline_quotes.function_words")
_LABEL_DASH = re.compile(r"(?P<label>[^–—-]+?)\s+[–—-]+\s+")
MAX_SOURCE_WORDS = 6
MIN_CLAIM_WORDS = 3
_COLON = re.compile(r"^(?P<source>[^:;“”\"‘’']{2,80}?):\s+(?P<claim>\S.*)$", re.DOTALL)
# A quotation mark, but not an apostrophe inside a word ("won't", "Trump's").
_QUOTE_MARK = re.compile(r"[“”\"]|(?<![^\W\d_])['‘’]|['‘’](?![^\W\d_])")
_QUOTE_MARKS = "“”\"‘’'"
# Longer than this, a "title" is no headline (a page whose <title> holds its text): not read for attributions.
MAX_TITLE_CHARS = 300
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
# Share of a headline's claim that a quote found by the body's rules must cover to stand for it.
_COVERS = 0.6


def extract_title_quotes_batch(titles: list[tuple[str, str | None]]) -> list[list[TitleQuote]]:
    """The attributions of each (article_id, title), in title order."""
    readable = {i: (article_id, sentence_cased(title)) for i, (article_id, title) in enumerate(titles)
                if title and title.strip() and len(title) <= MAX_TITLE_CHARS}
    found = dict(zip(readable, extract_quotes_batch(list(readable.values())), strict=True))
    return [_numbered(article_id, _with_colon_source(title, [_as_written(q, title) for q in found[i]]))
            if title and i in found else [] for i, (article_id, title) in enumerate(titles)]


def sentence_cased(title: str) -> str:
    """A Title Case headline ("Pence Endorses Paul Ryan With Trump's Blessing") with its cue verbs and
    function words lowercased, as the parser reads news text ("Pence endorses Paul Ryan with …"); names
    keep their capitals. Same length, so offsets into it are offsets into the title."""
    if not is_title_case(title):
        return title
    words = list(_WORD.finditer(title))
    cased = list(title)
    for word in words[1:]:
        text = word[0]
        if text[0].isupper() and not text.isupper() and (text.lower() in FUNCTION_WORDS or verb_lemma(text)):
            cased[word.start()] = text[0].lower()
    return "".join(cased)


def _as_written(quote: Quote, title: str) -> Quote:
    """A quote found in the sentence-cased title, its text and speaker as the title writes them."""
    speaker = title[quote.speaker_start:quote.speaker_end] if quote.speaker_start is not None else quote.speaker
    return quote.model_copy(update={"text": " ".join(title[start:end] for start, end in quote.spans),
                                    "speaker": speaker})


def source_colon(title: str) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """(source span, claim span) of a `SOURCE: claim` headline, or None."""
    match = _COLON.match(title)
    if match is None:
        return None
    source, claim = match["source"].strip(), match["claim"].rstrip(" \t\n.;")
    start = match.start("source") + (len(match["source"]) - len(match["source"].lstrip()))
    # "EXCLUSIVE – Roger Stone: …": a label and a dash before the source.
    labelled = _LABEL_DASH.match(source)
    if labelled and labelled["label"].split()[0].lower() in LABELS:
        start, source = start + labelled.end(), source[labelled.end():]
    words = source.split()
    if len(words) > MAX_SOURCE_WORDS or not source[:1].isupper() or len(claim.split()) < MIN_CLAIM_WORDS:
        return None
    if not _names_a_source(source):
        return None
    return (start, start + len(source)), (match.start("claim"), match.start("claim") + len(claim))


def _names_a_source(source: str) -> bool:
    """ "Pence", "Pat Caddell", "Poll", "Obama on Climate Change"; not "The Latest", "Wow", "FIX IS IN",
    "Bill is back" or "Ah, friends once more"."""
    # "Marsh on rural care", "Clinton to Planned Parenthood": a name, then what or whom it spoke to.
    source = re.split(r"\s+(?:on|about|to)\s+", source, maxsplit=1)[0]
    words = source.split()
    if "," in source or words[0].lower() in LABELS:
        return False
    if words[-1] in SOURCE_NOUNS and len(words) > 1:
        words = words[:-1]  # "IG report", "Pentagon memo": what the named source published
    if any(word.islower() and word not in NAME_PARTICLES for word in words):
        return False  # a clause, not a name
    letters = source.replace(" ", "").replace("-", "")
    return not (letters.isupper() and len(letters) > 5)  # shouting ("BUSTED"), unlike an acronym ("AP")


def _with_colon_source(title: str, quotes: list[Quote]) -> list[Quote]:
    with_speaker = [q for q in quotes if q.speaker]
    colon = source_colon(title) if rules.is_on("headline-colon") else None
    if colon is None:
        return with_speaker
    (source_start, source_end), (claim_start, claim_end) = colon
    claim_length = claim_end - claim_start
    if any((min(q.end, claim_end) - max(q.start, claim_start)) >= _COVERS * claim_length
           and q.speaker_start is not None and q.speaker_start < claim_start for q in with_speaker):
        return with_speaker  # the body's rules found it, speaker and all
    kept = [q for q in with_speaker if not _within(q, claim_start, claim_end)]
    claim = title[claim_start:claim_end]
    headline = Quote(id="", text=claim, kind=_kind_of(claim), start=claim_start, end=claim_end,
                     parts=[QuotePart(start=claim_start, end=claim_end)], cue=None,
                     speaker=title[source_start:source_end], speaker_start=source_start, speaker_end=source_end,
                     found_by="headline-colon", speaker_by="headline-colon")
    return sorted([*kept, headline], key=lambda q: q.start)


def _kind_of(claim: str) -> QuoteKind:
    """direct when the claim is all quoted, mixed when it quotes a part, else indirect."""
    if len(_QUOTE_MARK.findall(claim)) < 2:
        return "indirect"
    return "direct" if claim[:1] in _QUOTE_MARKS and claim.rstrip(".")[-1:] in _QUOTE_MARKS else "mixed"


def _within(quote: Quote, start: int, end: int) -> bool:
    return start <= quote.start and quote.end <= end


def _numbered(article_id: str, quotes: list[Quote]) -> list[TitleQuote]:
    return [TitleQuote(**{**quote.model_dump(), "id": f"{article_id}-t{n}"}) for n, quote in enumerate(quotes, start=1)]
