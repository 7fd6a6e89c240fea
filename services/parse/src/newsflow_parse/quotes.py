"""Quotes in a body: direct, indirect and mixed, each with its cue and speaker mention.

The parse stage's one entry point is `extract_quotes_batch`. Per article:
1. quote_marks pairs the quotation marks (text only): the direct candidates;
2. quote_nlp parses the paragraphs that can hold a quote, over the whole
   batch at once;
3. quote_attribution finds each quoted span's cue and speaker in its
   sentence, and attribution_rules the reported clauses of cue verbs;
4. quote_merging merges them (a clause holding a quoted fragment is mixed),
   and quote_sharing hands attributions on to the quotes still without one.

A quoted span of fewer than MIN_QUOTE_WORDS words (a scare quote, a name) unless
it is an attributed utterance (`“It's heartbreaking,” Ryan said`), a quoted
title, an unattributed short lowercase phrase (a term: `hired as a “national
enterprise reporter”`), and an unattributed quote in a headline-like line (a
related article's headline) are not quotes of their own: such a span counts
only inside a reported clause, which it makes mixed.
"""

from __future__ import annotations

import bisect
from dataclasses import replace

from newsflow_shared.events import Quote, QuotePart

from newsflow_parse import rules
from newsflow_parse.attribution_rules import find_reported
from newsflow_parse.attribution_speakers import Attribution
from newsflow_parse.quote_attribution import attribute_colon_ending, attribute_quote, is_title
from newsflow_parse.quote_marks import QuotedSpan, find_quoted_spans, paragraph_bounds
from newsflow_parse.quote_merging import FoundQuote, join_interrupted, merge_quotes
from newsflow_parse.quote_nlp import ParsedPiece, parse_pieces, pieces_to_parse
from newsflow_parse.quote_sharing import share_attributions
from newsflow_parse.transcript import transcript_turn

MIN_QUOTE_WORDS = 3
# An unattributed lowercase quoted phrase shorter than this is a term, not a quote.
MAX_PHRASE_WORDS = 8
# A line this short that does not end like a sentence is a headline, a caption or a label.
MAX_HEADLINE_WORDS = 20
MAX_HEADLINE_CHARS = 200
_CLOSERS = " \t”\"’')]"
_OPENERS = "“\"‘'"


class _Article:
    """One article's body, its paragraphs and its parsed pieces (sorted, disjoint)."""

    def __init__(self, body: str, paragraphs: list[tuple[int, int]], pieces: list[ParsedPiece]):
        self.body = body
        self.paragraphs = paragraphs
        self.pieces = pieces
        self._piece_starts = [piece.start for piece in pieces]
        self._paragraph_starts = [start for start, _ in paragraphs]

    def piece_at(self, offset: int) -> ParsedPiece | None:
        i = bisect.bisect_right(self._piece_starts, offset) - 1
        if i >= 0 and offset < self.pieces[i].end:
            return self.pieces[i]
        return None

    def paragraph_of(self, offset: int) -> int:
        return bisect.bisect_right(self._paragraph_starts, offset) - 1

    def paragraph_text(self, p: int) -> str:
        start, end = self.paragraphs[p]
        return self.body[start:end]


def extract_quotes_batch(articles: list[tuple[str, str]]) -> list[list[Quote]]:
    """The quotes of each (article_id, body), in body order: the parse stage's one entry point."""
    paragraphs = [paragraph_bounds(body) for _, body in articles]
    pieces = [pieces_to_parse(body, bounds) for (_, body), bounds in zip(articles, paragraphs)]
    parsed = parse_pieces((body, start, end) for (_, body), spans in zip(articles, pieces) for start, end in spans)
    results = []
    for (article_id, body), bounds, spans in zip(articles, paragraphs, pieces, strict=True):
        article = _Article(body, bounds, [next(parsed) for _ in spans])
        results.append(_as_quotes(article_id, body, _find_quotes(article)))
    return results


def _find_quotes(article: _Article) -> list[FoundQuote]:
    spans = find_quoted_spans(article.body)
    direct = _direct_quotes(article, spans)
    reported = [clause for piece in article.pieces for clause in find_reported(piece)]
    found = merge_quotes(direct, reported, spans, article.body)
    found = join_interrupted(found, article.body)
    return share_attributions(found, article.body, article.paragraphs, lambda p: _colon_lead(article, p))


def _direct_quotes(article: _Article, spans: list[QuotedSpan]) -> list[FoundQuote]:
    found = []
    for span, run in zip(spans, _runs(spans)):
        short = len(article.body[span.start : span.end].split()) < MIN_QUOTE_WORDS
        if short and not _is_utterance(article.body[span.start : max(span.end, span.close_at or span.end)]):
            continue
        piece = article.piece_at(span.start)
        attribution = None
        if piece is not None:
            attribution = attribute_quote(piece, span.start, span.end)
            if is_title(piece, span.start, span.end) and not _tagged_utterance(article.body, span, attribution):
                continue
        if short and (attribution is None or attribution.speaker_start is None):
            continue
        if attribution is None and _is_unattributed_phrase(article.body[span.start : span.end]):
            continue
        if attribution is None and _in_headline(article, span):
            continue
        start = span.start
        turn = transcript_turn(article.body, span.start, span.end) if attribution is None or \
            attribution.speaker_start is None else None  # `“NHS: …,” Dr Patel warned`: the tag names the speaker
        if turn is not None and rules.is_on("transcript-turn"):
            start, attribution, found_by = turn[0], replace(turn[1], rule="transcript-turn"), "transcript-turn"
        elif rules.is_on("quote-marks"):
            found_by = "quote-marks"
        else:
            continue
        found.append(FoundQuote(start, span.end, "direct", attribution, run, found_by=found_by))
    return found


def _tagged_utterance(body: str, span: QuotedSpan, attribution: Attribution | None) -> bool:
    """`“Like Oakland,” Trump said.`: a capitalised span that opens a sentence, closes on a comma,
    question or exclamation mark, and is followed by a speaker's cue is something said, not a title
    (`On “Fox News Sunday,” Pence said …` names a show)."""
    if attribution is None or attribution.speaker_start is None or attribution.cue_start is None:
        return False
    closed = body[span.start : span.close_at if span.close_at is not None else span.end].rstrip()
    before = body[body.rfind("\n", 0, span.open_at) + 1 : span.open_at].rstrip(_CLOSERS)
    opens_sentence = not before or before.endswith((".", "?", "!", ":"))
    return opens_sentence and attribution.cue_start >= span.end and closed.endswith((",", "?", "!"))


def _is_unattributed_phrase(text: str) -> bool:
    """`was hired as a “national enterprise reporter”`: a short lowercase phrase in quotation marks
    that no one is said to have said is a term or a scare quote, not a quote."""
    text = text.strip()
    return text[:1].islower() and len(text.split()) < MAX_PHRASE_WORDS


def _is_utterance(text: str) -> bool:
    """`“It's heartbreaking,” Ryan said`: a short quote that starts and ends like a sentence is
    speech (kept when attributed), unlike a scare-quoted phrase (`called it “a sham,”`)."""
    text = text.strip()
    return text[:1].isupper() and text.rstrip(_CLOSERS).endswith((",", ".", "!", "?"))


def _runs(spans: list[QuotedSpan]) -> list[int | None]:
    """For each span, the index of the first span of the quote run it belongs to (None: alone).

    A span left open (at a paragraph's end, or by a re-opening mark) runs on into the next one.
    """
    runs: list[int | None] = [None] * len(spans)
    for i in range(1, len(spans)):
        previous = spans[i - 1]
        if not previous.closed and previous.end <= spans[i].open_at:
            runs[i - 1] = runs[i - 1] if runs[i - 1] is not None else i - 1
            runs[i] = runs[i - 1]
    return runs


def _in_headline(article: _Article, span: QuotedSpan) -> bool:
    """A short line that neither ends like a sentence nor is a quote itself: `UK to Russia: ‘…’`."""
    p = article.paragraph_of(span.start)
    if p < 0:
        return False
    start, end = article.paragraphs[p]
    if end - start > MAX_HEADLINE_CHARS:
        return False
    text = article.body[start:end].strip()
    if len(text.split()) > MAX_HEADLINE_WORDS or text.startswith(tuple(_OPENERS)):
        return False
    return not text.rstrip(_CLOSERS).endswith((".", "!", "?", "…", ":", ";"))


def _colon_lead(article: _Article, p: int) -> Attribution | None:
    """The attribution paragraph p hands on to the quote after it by ending with a colon."""
    if p < 0 or not article.paragraph_text(p).rstrip().endswith(":"):
        return None
    piece = article.piece_at(article.paragraphs[p][1] - 1)
    return attribute_colon_ending(piece) if piece is not None else None


def _as_quotes(article_id: str, body: str, found: list[FoundQuote]) -> list[Quote]:
    quotes = []
    for n, found_quote in enumerate(found, start=1):
        attribution = found_quote.attribution
        with_speaker = attribution if attribution is not None and attribution.speaker_start is not None else None
        spans = found_quote.spans
        quotes.append(
            Quote(
                id=f"{article_id}-q{n}",
                text=" ".join(body[start:end] for start, end in spans),
                kind=found_quote.kind,
                start=found_quote.start,
                end=found_quote.end,
                parts=[QuotePart(start=start, end=end) for start, end in spans],
                cue=attribution.cue if attribution else None,
                speaker=body[with_speaker.speaker_start : with_speaker.speaker_end] if with_speaker else None,
                speaker_start=with_speaker.speaker_start if with_speaker else None,
                speaker_end=with_speaker.speaker_end if with_speaker else None,
                found_by=found_quote.found_by,
                speaker_by=with_speaker.rule or None if with_speaker else None,
            )
        )
    return quotes
