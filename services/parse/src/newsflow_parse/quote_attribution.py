"""The cue and speaker of a quoted span, from the parse of the paragraph it is in.

In order:
- a cue verb outside the quote, in its sentence, that governs the quote or
  hangs on it (`“…,” Peskov said`, `said Priya Nandi`, `He said: “…”`), or
  "according to X"; the nearest wins;
- the clause a colon ends right before the quote (`He continued: “…”`), or
  a bare name before the colon (`Donald Trump: “…”`, as posts and transcripts
  are quoted);
- a name after a dash right after the quote (`“…” — Jane Doe`);
- for a quote that is a sentence of its own, the cue of the sentence right
  before it (`Moss called her a born negotiator. “She never gave up.”`).
Also here: whether a quoted span is a title rather than speech, and the
attribution a paragraph ending with a colon hands to the quote after it.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable

from newsflow_shared.wordlists import words
from spacy.tokens import Token

from newsflow_parse import rules
from newsflow_parse.attribution_speakers import PROPER_TAGS, Attribution, attribution_of, mention_bounds, speaker_of
from newsflow_parse.cues import CUE_VERBS, QUOTE_ONLY_VERBS, verb_lemma
from newsflow_parse.quote_nlp import ParsedPiece

DASHES = ("—", "–", "―", "-", "--")
# How far from a quote (in tokens) its cue may be; also what bounds the work per quote.
MAX_CUE_DISTANCE = 40
# The most tokens of a speech tag the parser made a sentence of its own: `“…?” the senator from Ohio asked.`
MAX_TAG_TOKENS = 12
# Words right before a quoted span that make it a title or a name, not speech.
TITLE_CUES = words("quote_attribution.title_cues")
MAX_TITLE_TOKENS = 12
_MARKS = "”\"’',"


def attribute_quote(piece: ParsedPiece, start: int, end: int) -> Attribution | None:
    """The cue and speaker of the quote at body[start:end], or None; its `rule` says which rule chose them
    (rules.SPEAKER_BY, in the order tried here)."""
    inside = piece.tokens_between(start, end)
    if inside is None:
        return None
    first, last = inside[0], inside[-1]
    said = range(first.i, last.i + 1)
    cues = _cues_around(piece, first, last)
    # "… Mitt Romney -- “…” -- and …": the name before the dash says it, unless a tag after the
    # quote names someone ("… Tom Berrick -- “…,” she said").
    if not any(cue.i > last.i for cue in cues) and (lead := _by("dash-lead", _dash_lead, piece, first)):
        return lead
    for cue in cues:
        if cue.lower_ == "according":
            if attribution := _by("according-to", _according_attribution, piece, cue):
                return attribution
            continue
        speaker = speaker_of(cue, said) if rules.is_on("cue-subject") else None
        rule = "cue-subject"
        if speaker is None and rules.is_on("name-before-cue"):
            speaker, rule = _name_before_cue(piece, last, cue), "name-before-cue"
        if speaker is not None:
            return replace(attribution_of(cue, cue.text, speaker, piece.start), rule=rule)
    return (_by("colon-lead", _colon_lead, piece, first) or _by("name-colon", _name_colon_lead, piece, first)
            or _by("dash-tail", _dash_tail, piece, last) or _by("sentence-before", _sentence_before, piece, first))


def _by(rule: str, find: Callable[..., Attribution | None], *arguments) -> Attribution | None:
    """What the rule finds (None if it is switched off), tagged with it."""
    attribution = find(*arguments) if rules.is_on(rule) else None
    return replace(attribution, rule=rule) if attribution is not None else None


def attribute_colon_ending(piece: ParsedPiece) -> Attribution | None:
    """`He continued:` closing a paragraph: the attribution of the quote opening the next one."""
    doc = piece.doc
    last = len(doc) - 1
    while last >= 0 and doc[last].is_space:
        last -= 1
    if last < 0 or doc[last].text != ":":
        return None
    return _by("colon-paragraph", _clause_before_colon, piece, doc[last])


def is_title(piece: ParsedPiece, start: int, end: int) -> bool:
    """A quoted name of a work or a slogan: after "titled"/"called", or capitalised word by word."""
    inside = piece.tokens_between(start, end)
    if inside is None or len(inside) > MAX_TITLE_TOKENS:
        return False
    doc = piece.doc
    before = [t for t in doc[max(0, inside.start - 3) : inside.start] if not t.is_punct]
    if before and before[-1].lower_ in TITLE_CUES:
        return True
    words = [t for t in inside if t.is_alpha]
    if len(words) < 2 or inside[-1].text in ".?!" or any(t.tag_ in ("PRP", "MD") for t in inside):
        return False
    content = [t for t in words if len(t) > 3]
    if not content or not all(t.text[0].isupper() for t in content):
        return False
    # One long capitalised word may just open a sentence (“That is not my job,”); then every word
    # must be capitalised (“War On Drugs”).
    return len(content) >= 2 or all(t.text[0].isupper() for t in words)


def _cues_around(piece: ParsedPiece, first: Token, last: Token) -> list[Token]:
    """Cue words near the quote in its sentence(s), those tied to it by the parse first, nearest first."""
    doc = piece.doc
    low = piece.sentence_bounds(max(0, first.i - 1))[0]
    high = piece.sentence_bounds(min(len(doc) - 1, last.i + 1))[1]
    high = _speech_tag_end(piece, last, high)
    window = [
        *doc[max(low, first.i - MAX_CUE_DISTANCE) : first.i],
        *doc[last.i + 1 : min(high, last.i + 1 + MAX_CUE_DISTANCE)],
    ]
    cues = [t for t in window if _is_cue(t)]

    def rank(cue: Token) -> tuple[bool, int]:
        tied = cue.left_edge.i <= last.i and cue.right_edge.i >= first.i or first.i <= cue.head.i <= last.i
        return not tied, min(abs(cue.i - first.i), abs(cue.i - last.i))

    return sorted(cues, key=rank)


def _name_before_cue(piece: ParsedPiece, last: Token, cue: Token) -> Token | None:
    """`“…,” Flynn, a top surrogate, said`, parsed askew: the name opening the tag is the speaker."""
    doc = piece.doc
    if cue.i <= last.i or cue.i - last.i > MAX_TAG_TOKENS:
        return None
    words = [t for t in doc[last.i + 1 : cue.i] if not (t.is_punct or t.is_quote)]
    if not words or words[0].tag_ not in PROPER_TAGS:
        return None
    return _name_head(words[0], cue.i)


def _speech_tag_end(piece: ParsedPiece, last: Token, high: int) -> int:
    """Past `“…?” Graham asked.`: a quote ending its sentence on ? or ! (the parser ends the
    sentence there) is tagged by the short sentence right after it, which then joins the window."""
    doc = piece.doc
    closing = last.i + 1
    while closing < len(doc) and doc[closing].is_quote:
        closing += 1
    if closing != high or high >= len(doc) or doc[high].is_quote or doc[high].is_punct:
        return high
    if not any(t.text in ("?", "!") for t in doc[last.i : closing]):
        return high
    tag_end = piece.sentence_bounds(high)[1]
    tag = doc[high:tag_end]
    # A tag says who spoke and nothing more: a cue with a clause of its own starts a new report.
    if len(tag) > MAX_TAG_TOKENS or not any(_is_cue(t) and not _has_clause(t) for t in tag):
        return high
    return tag_end


def _has_clause(cue: Token) -> bool:
    return any(child.dep_ in ("ccomp", "dobj", "xcomp") for child in cue.children)


def _is_cue(token: Token) -> bool:
    if token.lower_ == "according":
        return True
    if token.text == "Said" and token.is_sent_start:
        return True  # "Said Ellis: “…”", which the tagger may read as part of a name
    lemma = verb_lemma(token.text)
    return token.tag_.startswith("VB") and (lemma in CUE_VERBS or lemma in QUOTE_ONLY_VERBS)


def _according_attribution(piece: ParsedPiece, according: Token) -> Attribution | None:
    to = next((c for c in according.children if c.lower_ == "to"), None)
    source = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    if to is None or source is None:
        return None
    return attribution_of(according, piece.doc[according.i : to.i + 1].text, source, piece.start)


def _colon_lead(piece: ParsedPiece, first: Token) -> Attribution | None:
    """`He continued: “…”`: the clause a colon ends right before the quote introduces it."""
    before = piece.doc[max(0, first.i - 3) : first.i]
    colon = next((t for t in reversed(before) if t.text == ":"), None)
    return _clause_before_colon(piece, colon) if colon is not None else None


def _name_colon_lead(piece: ParsedPiece, first: Token) -> Attribution | None:
    """`Donald Trump: “…”`: a name, a colon, then the quote; the name is the speaker.

    Only a name that nothing before it governs as an object ("a letter to Jane Doe: “…”" is not
    hers), and only where no clause before the colon could be the cue (_colon_lead tried that).
    """
    doc = piece.doc
    colon = first.i - 1
    while colon >= 0 and doc[colon].is_quote:
        colon -= 1
    if colon < 1 or doc[colon].text != ":" or doc[colon - 1].tag_ not in PROPER_TAGS:
        return None
    name = _name_head(doc[colon - 1], colon)
    if name.dep_ in ("pobj", "dobj", "dative", "poss", "compound"):
        return None
    start, end = mention_bounds(name)
    if end > doc[colon].idx:
        return None
    return Attribution(
        cue=":",
        cue_start=doc[colon].idx + piece.start,
        speaker_start=start + piece.start,
        speaker_end=end + piece.start,
    )


def _clause_before_colon(piece: ParsedPiece, colon: Token) -> Attribution | None:
    doc = piece.doc
    if any(t.lower_ in TITLE_CUES for t in doc[max(0, colon.i - 2) : colon.i]):
        return None
    clause = colon.head if colon.head.i < colon.i else _clause_ending_at(colon)
    for _ in range(8):
        if clause is None or clause.tag_.startswith("VB") or clause.head.i == clause.i:
            break
        clause = clause.head
    if clause is None or not clause.tag_.startswith("VB"):
        return None
    speaker = speaker_of(clause)
    return attribution_of(clause, clause.text, speaker, piece.start) if speaker is not None else None


def _clause_ending_at(colon: Token) -> Token | None:
    """`Sanders delivered a retort: “…”`, with the colon hung on the quote: the clause before
    the colon is the one whose words lead up to it without reaching past it."""
    if colon.i == 0:
        return None
    token = colon.doc[colon.i - 1]
    for _ in range(8):
        if token.head.i == token.i or token.head.i > colon.i:
            break
        token = token.head
    return token if token.tag_.startswith("VB") and token.head.i > colon.i else None


def _sentence_before(piece: ParsedPiece, first: Token) -> Attribution | None:
    """`Her partner, Ed Moss, called her a born negotiator. “She never gave up.”`: a quote that
    is a sentence of its own continues the cue of the sentence right before it, in its paragraph."""
    doc = piece.doc
    start, _ = piece.sentence_bounds(first.i)
    if start == 0 or not all(t.is_punct or t.is_space for t in doc[start : first.i]):
        return None
    before_start, before_end = piece.sentence_bounds(start - 1)
    root = next((t for t in doc[before_start:before_end] if t.head.i == t.i), None)
    if root is None or any(t.is_quote for t in doc[before_start:before_end]) or not _is_reporting_verb(root):
        return None
    speaker = speaker_of(root)
    return attribution_of(root, root.text, speaker, piece.start) if speaker is not None else None


def _is_reporting_verb(verb: Token) -> bool:
    """A verb of saying, believing or judging; not one that only introduces a quote ("went on")."""
    lemma = verb_lemma(verb.text)
    return verb.tag_.startswith("VB") and lemma is not None and lemma not in QUOTE_ONLY_VERBS


def _dash_lead(piece: ParsedPiece, first: Token) -> Attribution | None:
    """`including the former candidate Mitt Romney -- “…” -- and …`: a name, a dash, then the
    quote; the name says it, whatever cue governs the sentence."""
    doc = piece.doc
    before = first.i - 1
    while before >= 0 and doc[before].is_quote:
        before -= 1
    if before < 1 or doc[before].text not in DASHES or doc[before - 1].tag_ not in PROPER_TAGS:
        return None
    start, end = mention_bounds(_name_head(doc[before - 1], before))
    return Attribution(
        cue=doc[before].text,
        cue_start=doc[before].idx + piece.start,
        speaker_start=start + piece.start,
        speaker_end=end + piece.start,
    )


def _name_head(token: Token, before: int) -> Token:
    """The last word of the name `token` is part of ("Jane" in "Jane Doe" -> "Doe"), before index `before`."""
    for _ in range(8):  # a name is never longer
        if token.dep_ not in ("compound", "flat") or token.head.tag_ not in PROPER_TAGS or not token.i < token.head.i < before:
            break
        token = token.head
    return token


def _dash_tail(piece: ParsedPiece, last: Token) -> Attribution | None:
    """`“…” — Senator Jane Doe`: a name after a dash, right after the quote, signs it."""
    doc = piece.doc
    after = [t for t in doc[last.i + 1 : last.i + 4] if t.text.strip(_MARKS)]
    if len(after) < 2 or after[0].text.strip(_MARKS) not in DASHES or after[1].tag_ not in PROPER_TAGS:
        return None
    start, end = mention_bounds(_name_head(after[1], len(doc)))
    dash = after[0].text.strip(_MARKS)
    return Attribution(
        cue=dash,
        cue_start=after[0].idx + after[0].text.index(dash) + piece.start,
        speaker_start=start + piece.start,
        speaker_end=end + piece.start,
    )

