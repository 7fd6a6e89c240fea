"""Reported speech: what a cue verb's subject said, read off a dependency parse.

The patterns of news writing built on a cue verb's active clause, each giving a
clause (body offsets) and its attribution (attribution_phrases has the others:
passives, claims and intents as nouns, "as X put it", verbs of speaking with a
preposition):
- a cue verb's clausal complement: "Lavrov told reporters that …", "…, the
  minister said";
- a cue that interrupts the clause it reports: "The plan, she said, is dead"
  (the text keeps the cue inside, like an interrupted direct quote);
- "according to X" attributes the clause it hangs on to X;
- a verb whose object quotes the speaker's words: "called the plan “a
  disgrace”" (kept only if a quoted span is inside: `needs_quote`), or whose
  plain object is what the speaker takes a stance on: "questioned his health";
- a stance verb's infinitive or preposition ("urged Congress to act", "called
  for a review"), and a gerund after a verb of saying ("admitted using …").

Subtrees are read by their edges (the parser is projective), never walked,
so a pathological paragraph costs time linear in its length.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable, Collection

from newsflow_shared.wordlists import table, words
from spacy.tokens import Token

from newsflow_parse import rules, tree_patterns
from newsflow_parse.attribution_phrases import (
    as_put_it,
    noun_claim,
    noun_intent,
    passive_content,
    prepositional_content,
)
from newsflow_parse.attribution_speakers import (
    RELATIVE_TAGS,
    Attribution,
    attribution_of,
    is_stranded_subject,
    is_usable_speaker,
    mention_bounds,
    speaker_of,
)
from newsflow_parse.cues import (
    CHARACTERIZING_VERBS,
    CLAIM_NOUNS,
    CUE_NOUNS,
    CUE_VERBS,
    DAY_WORDS,
    EVALUATION_VERBS,
    FRAGMENT_VERBS,
    MONTHS,
    PERCEPTION_VERBS,
    PREPOSITIONAL_CUES,
    RAISED_NOUNS,
    SPEECH_VERBS,
    SPOKEN_OBJECT_VERBS,
    STANCE_VERBS,
    verb_lemma,
)
from newsflow_parse.quote_nlp import ParsedPiece
from newsflow_parse.text_bounds import CLOSING_MARKS, OPENING_MARKS, Reported, clause_around, reported, strip

_OBJECT_CUES = FRAGMENT_VERBS | SPEECH_VERBS
_OBJECT_CONTENT_VERBS = EVALUATION_VERBS | SPOKEN_OBJECT_VERBS | CHARACTERIZING_VERBS
_CLAUSE_OBJECT_VERBS = words("attribution_rules.clause_object_verbs")
_OCCASION_NOUNS = words("attribution_rules.occasion_nouns")
_PASSIVE_CONTENT_VERBS = SPEECH_VERBS | EVALUATION_VERBS | SPOKEN_OBJECT_VERBS
# What follows a verb and completes what it says: "called [him] [a “liar”]", "described it [as “a mess”]".
_OBJECT_DEPS = ("dobj", "oprd", "prep", "xcomp", "acomp", "attr", "dative", "ccomp")
_STANCE_DEPS = ("dobj", "dative", "xcomp", "prep", "ccomp")
# The preposition that carries a stance verb's content, by verb: "call for/on", "accuse of".
_STANCE_PREPOSITIONS = table("attribution_rules.stance_prepositions")
# Stance verbs that carry one only as a phrasal verb ("call for", "call on"), never by an object.
_PHRASAL_ONLY = words("attribution_rules.phrasal_only")
# "so", "because", "while": words that open a clause going on with what was said, never a reported one.
_CONTINUING_SUBORDINATORS = words("attribution_rules.continuing_subordinators")
# "while", "whereas": of those, the ones that may set another speaker against the first.
_CONTRAST_MARKS = words("attribution_rules.contrast_subordinators")
# Words between a cue and the start of its clause: "told reporters in Moscow on Monday that".
MAX_CUE_GAP = 10
# Words between a clause and the cue after it: "…, Dmitry Alushkin, a senior figure at the embassy, said".
MAX_SPEAKER_GAP = 30
_COMPLEMENTIZERS = ("that", "whether", "if")
# ", but", ", and": the words that may join a reported clause to the cue's conjunct that goes on with it.
MAX_JOINER_WORDS = 3
_QUOTE_MARKS = frozenset(OPENING_MARKS) | frozenset(CLOSING_MARKS) | {"''", "``"}


def find_reported(piece: ParsedPiece) -> list[Reported]:
    """Reported clauses with a known speaker, in one parsed piece, each tagged with the rule that found it.

    For a cue verb, the rules of _VERB_RULES in order: the first that finds a clause wins.
    """
    found: list[Reported] = []
    shapes = tree_patterns.shapes(piece.doc)
    for token in piece.doc:
        if (according := shapes["according-to"].get(token.i)) is not None:
            found.extend(_by("according-to", _according_to, piece, according))
            continue
        if (poll := shapes["in-poll"].get(token.i)) is not None:
            found.extend(_by("in-poll", _in_poll, piece, poll))
            continue
        if token.tag_ in ("NN", "NNS") and token.lower_ in CUE_NOUNS:
            found.extend(_by("noun-claim", noun_claim, piece, token)
                         or _by("noun-intent", noun_intent, piece, token))
            continue
        lemma = verb_lemma(token.text)
        if lemma is None or not token.tag_.startswith("VB"):
            continue
        if lemma == "put":
            if (put := shapes["as-put-it"].get(token.i)) is not None:
                found.extend(_by("as-put-it", as_put_it, piece, put))
            continue
        for rule, verbs, find in _VERB_RULES:
            if lemma in verbs and (clauses := _by(rule, find, piece, token, lemma)):
                found.extend(clauses)
                break
    return found


def _by(rule: str, find: Callable[..., list[Reported]], *arguments) -> list[Reported]:
    """What the rule finds (nothing if it is switched off), each clause and its speaker tagged with it."""
    if not rules.is_on(rule):
        return []
    return [replace(clause, rule=rule, attribution=replace(clause.attribution, rule=rule))
            for clause in find(*arguments)]


def _only_time_between(verb: Token, preposition: Token) -> bool:
    """Whether only adverbs and words of time stand between a verb and its preposition."""
    when = {t.i for c in verb.rights if c.dep_ == "prep" and c.i < preposition.i and _is_time_phrase(c) for t in c.subtree}
    return all(
        t.dep_ in ("advmod", "npadvmod", "oprd") or t.lower_ in DAY_WORDS or t.i in when
        for t in verb.doc[verb.i + 1 : preposition.i]
    )


def _is_time_phrase(preposition: Token) -> bool:
    """ "on Friday", "in May", "in 2015": a preposition whose object is a day, a month or a year
    says when, not what."""
    return any(
        c.dep_ == "pobj" and (c.lower_ in DAY_WORDS or c.lower_ in MONTHS or c.like_num) for c in preposition.children
    )


def _complement_clauses(piece: ParsedPiece, verb: Token, after: bool = False) -> list[Reported]:
    """The clauses a verb reports; with `after`, only those after it (a verb that is no cue verb
    does not report a clause before it: in "support the plan, a survey found" that is the survey's)."""
    clauses = [c for c in verb.children if (c.dep_ == "ccomp" or _mislabelled_that_clause(verb, c))
               and not _perceived_event(verb, c) and (not after or c.i > verb.i)] or _that_clause_on_an_occasion(verb)
    if not clauses:
        return []
    speaker = speaker_of(verb, _said_range(verb, clauses))
    if not is_usable_speaker(speaker):
        return []
    attribution = attribution_of(verb, verb.text, speaker, piece.start)
    found = []
    last_clause = max(clauses, key=lambda c: c.i)
    for clause in clauses:
        if _continues(clause, clauses):
            continue
        bounds = _clause_bounds(verb, clause)
        if bounds is not None:
            # Only the last clause goes on into the cue's conjuncts: reported clauses do not overlap.
            joined_end = max(_modal_conjunct_end(verb, clause), _joined_clause_end(verb, clause)) \
                if clause.i == last_clause.i else -1
            bounds = (bounds[0], max(bounds[1], _continuation_end(clause, clauses), joined_end))
            found.append(reported(piece, bounds, attribution))
    return found


def _modal_conjunct_end(verb: Token, clause: Token) -> int:
    """ "says it would depress revenue at first, but would eventually add …": a subjectless verb with
    a modal, joined to the cue by the parser, goes on with the reported clause; the cue takes none.
    The last token of that verb's phrase; -1 if there is none."""
    if clause.i < verb.i or any(c.dep_ == "aux" and c.tag_ == "MD" for c in verb.children):
        return -1
    for conjunct in verb.children:
        if conjunct.dep_ != "conj" or conjunct.i <= clause.right_edge.i:
            continue
        own_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in conjunct.children)
        if not own_subject and any(c.dep_ == "aux" and c.tag_ == "MD" for c in conjunct.children):
            bounds = strip(verb.doc, clause.right_edge.i, conjunct.right_edge.i)
            return bounds[1] if bounds is not None else -1
    return -1


def _joined_clause_end(verb: Token, clause: Token) -> int:
    """ "said she wanted change, but she found him too objectionable", "found that X leads among
    older voters, while younger voters favor Y": the parser joins the second clause to the cue, as a
    conjunct or an adverbial clause of reason, result or contrast, but it goes on with what was said
    (as PolNeAR reads it). One that is a cue of its own ("…, and added that …", "…, while Y said …")
    reports its own clause. The last token of the joined clause; -1 if there is none."""
    if clause.i < verb.i:
        return -1
    end = clause.right_edge.i
    joined = (c for c in verb.children if c.i > end and (c.dep_ == "conj" or c.dep_ == "advcl" and _subordinated(c)))
    for conjunct in sorted(joined, key=lambda c: c.i):
        between = verb.doc[end + 1 : conjunct.left_edge.i]
        if len(between) > MAX_JOINER_WORDS or any(t.dep_ not in ("cc", "punct") for t in between):
            break
        if verb_lemma(conjunct.text) in CUE_VERBS or any(t.text in _QUOTE_MARKS for t in between):
            break
        if not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in conjunct.children):
            break  # "said the bill was flawed and voted against it": the speaker's next act, not what was said
        bounds = strip(verb.doc, conjunct.left_edge.i, conjunct.right_edge.i)
        if bounds is None:
            break
        end = bounds[1]
    return end if end > clause.right_edge.i else -1


def _subordinated(clause: Token, marks: Collection[str] = _CONTINUING_SUBORDINATORS) -> bool:
    """Whether a clause opens on one of `marks`: by default a word of reason, result or contrast
    ("so", "because", "while"), which never opens a reported clause."""
    return any(c.dep_ == "mark" and c.lower_ in marks and c.i < clause.i for c in clause.children)


def _continues(clause: Token, clauses: list[Token]) -> bool:
    """Whether a complement of the cue goes on with another one rather than reporting a clause of its own.

    The parser may split one reported clause into two complements of the cue:
    - one opening on a relative pronoun right where another ends continues it ("said he wants to
      attack provisions in the tax code [that address how …]");
    - so does one that starts right after another's last word, with not even a dash or a comma
      between: an inverted condition ("said he would serve [should the party ask]"), a run-on. If a
      cue heads it, only inverted ("should the survey find"): otherwise it is a sentence whose full
      stop is missing ("… the regional centers The S.E.C. said it would …"), or one whose subject
      the parser took into the clause before ("… the investigation and Democrats accused the GOP …");
    - so does one opening on a word of reason, result or contrast right after another ("said he
      would win every delegate, so he'll have …"), unless a cue heads it;
    - and a bare verb without a subject after only punctuation: in "said he is ready to “take on the
      cartel,” secure the border, …" the parser hangs "secure" on the cue, but it goes on with "take"."""
    first = clause.left_edge
    adjacent = any(other.right_edge.i == first.i - 1 for other in clauses if other.i != clause.i)
    if adjacent and _subordinated(clause):
        return verb_lemma(clause.text) is None
    if first.tag_ in RELATIVE_TAGS:
        return adjacent
    if adjacent and not first.is_punct and not first.nbor(-1).is_punct:
        if verb_lemma(clause.text) is None:
            return True
        return any(c.dep_ in ("nsubj", "nsubjpass") and c.left_edge.i > first.i for c in clause.children)
    if clause.tag_ != "VB" or first.i != clause.i or any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children):
        return False
    return any(other.i < clause.i and _only_punctuation_between(other.right_edge, first) for other in clauses)


def _only_punctuation_between(last: Token, first: Token) -> bool:
    return last.i < first.i and all(t.is_punct for t in last.doc[last.i + 1 : first.i])


def _continuation_end(clause: Token, clauses: list[Token]) -> int:
    """The last token of the clauses that continue `clause`; -1 if none does."""
    end = clause.right_edge
    for other in sorted(clauses, key=lambda c: c.i):
        if other.i != clause.i and _continues(other, clauses) and _only_punctuation_between(end, other.left_edge):
            end = other.right_edge
    return end.i if end.i > clause.right_edge.i else -1


def _gerund_complement(piece: ParsedPiece, verb: Token) -> list[Reported]:
    """ "admitted using the tax code", "denied taking the money", "proposed cutting fares": a verb of
    saying with a gerund right after it reports the act the gerund names."""
    gerund = next((c for c in verb.children if c.dep_ == "xcomp" and c.tag_ == "VBG" and c.i == verb.i + 1), None)
    if gerund is None or any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return []
    speaker = speaker_of(verb)
    if not is_usable_speaker(speaker):
        return []
    bounds = strip(verb.doc, gerund.i, gerund.right_edge.i)
    if bounds is None or bounds[1] == bounds[0]:
        return []
    return [reported(piece, bounds, attribution_of(verb, verb.text, speaker, piece.start))]


def _mislabelled_that_clause(verb: Token, clause: Token) -> bool:
    """ "tweeted in the early morning hours that Machado was …": with a phrase between the verb and
    "that", the parser may take the clause for an adverbial one and "that" for an adverb; a clause after
    the verb that opens on "that" is its complement all the same ("so that", "now that" open others)."""
    first = clause.left_edge
    return (clause.dep_ == "advcl" and first.i > verb.i and first.lower_ == "that" and first.dep_ in ("advmod", "mark")
            and verb.doc[first.i - 1].lower_ not in ("so", "now", "such"))


def _that_clause_on_an_occasion(verb: Token) -> list[Token]:
    """ "says in a statement that the race …", "said at the time that …": with the phrase of where or
    when it was said between the verb and "that", the parser may hang the clause on that phrase's noun;
    it is the verb's complement all the same. Only for nouns of an occasion: in "said amid fears that …"
    the clause is the fears'."""
    for preposition in verb.rights:
        if preposition.dep_ != "prep":
            continue
        for noun in preposition.children:
            if noun.dep_ != "pobj" or noun.lower_ not in _OCCASION_NOUNS:
                continue
            for clause in noun.rights:
                first = clause.left_edge
                if clause.dep_ in ("acl", "relcl") and first.lower_ == "that" and first.dep_ in ("mark", "advmod") \
                        and any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in clause.children):
                    return [clause]
    return []


def _perceived_event(verb: Token, clause: Token) -> bool:
    """ "would see their incomes go up", "heard the crowd chant": a bare infinitive after a verb of
    perception is an event witnessed, not a belief held; a belief takes a finite clause ("sees that …")."""
    return (
        verb_lemma(verb.text) in PERCEPTION_VERBS
        # The small model tags the plural bare form VBP ("see incomes go up"); "see that they go up" has a mark.
        and clause.tag_ in ("VB", "VBP")
        and not any(child.dep_ in ("aux", "auxpass", "mark") for child in clause.children)
    )


def _claim_clause(piece: ParsedPiece, verb: Token) -> list[Reported]:
    """"Lavrov denies the claims Moscow is using …": the clause a claim-like object holds."""
    claim = next((c for c in verb.children if c.dep_ == "dobj" and c.lower_ in CLAIM_NOUNS), None)
    clause = next((c for c in claim.children if c.dep_ in ("acl", "ccomp") and c.i > claim.i), None) if claim else None
    if claim is None or clause is None or clause.left_edge.i <= claim.i:
        return []
    speaker = speaker_of(verb, range(clause.left_edge.i, clause.right_edge.i + 1))
    if not is_usable_speaker(speaker):
        return []
    bounds = strip(verb.doc, clause.left_edge.i, clause.right_edge.i)
    while bounds and verb.doc[bounds[0]].dep_ == "mark" and verb.doc[bounds[0]].lower_ in _COMPLEMENTIZERS:
        bounds = strip(verb.doc, bounds[0] + 1, bounds[1])
    if bounds is None:
        return []
    return [reported(piece, bounds, attribution_of(verb, verb.text, speaker, piece.start))]


def _said_range(verb: Token, clauses: list[Token]) -> range:
    """Token indexes of the reported clauses, on their side of the cue ("which Kadyrov said he …")."""
    after = [c for c in clauses if c.i > verb.i]
    if after:
        return range(max(verb.i + 1, min(c.left_edge.i for c in after)), max(c.right_edge.i for c in after) + 1)
    return range(min(c.left_edge.i for c in clauses), min(verb.i, max(c.right_edge.i for c in clauses) + 1))


def _before_another_speaker(clause: Token, bounds: tuple[int, int] | None) -> tuple[int, int] | None:
    """ "said the crossing was rough, while the mayor said it was calm": the parser hangs a clause of
    contrast on the reported one, but one whose own subject speaks through a verb of saying is another
    speaker's, not what was said. The bounds end before it. A reason is the speaker's own ("said she
    left because she believed …"), and so is what a belief verb holds ("so their wives can see")."""
    if bounds is None:
        return None
    for token in clause.subtree:
        if token.dep_ == "advcl" and token.i > clause.i and verb_lemma(token.text) in SPEECH_VERBS \
                and _subordinated(token, _CONTRAST_MARKS) and any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children):
            return strip(clause.doc, bounds[0], min(bounds[1], token.left_edge.i - 1))
    return bounds


def _clause_bounds(verb: Token, clause: Token) -> tuple[int, int] | None:
    """(first, last) token of a reported clause on its side of the cue, without "that" and edge punctuation.

    A clause after the cue must start close to it ("told reporters on Monday
    that …"): one that starts past another verb or an "and" is a misparse.
    """
    doc = verb.doc
    if clause.i > verb.i:
        bounds = strip(doc, max(verb.i + 1, clause.left_edge.i), clause.right_edge.i)
        while bounds and doc[bounds[0]].dep_ == "mark" and doc[bounds[0]].lower_ in _COMPLEMENTIZERS:
            bounds = strip(doc, bounds[0] + 1, bounds[1])
        if bounds is None or bounds[0] - verb.i - 1 > MAX_CUE_GAP:
            return None
        gap = doc[verb.i + 1 : bounds[0]]
        # An "and" between verbs; not one inside a name or a listener ("told The Post and Courier …").
        if any(t.dep_ == "cc" and t.head.tag_.startswith("VB") or t.tag_ in ("VBD", "VBZ", "VBP") for t in gap):
            return None
        return _before_another_speaker(clause, _without_stranded_subject(doc, bounds))
    first = clause.left_edge.i
    # "A, but B, another source said": the parser joins the cue to A as a conjunct and gives it
    # only B, but the source said both. (A cue joined to a clause after it has nothing of this.)
    joined = verb.dep_ == "conj" and verb.head.i < first
    if joined and any(t.dep_ == "cc" and t.head.i == verb.head.i for t in doc[verb.head.i : first]):
        first = verb.head.left_edge.i
    bounds = strip(doc, first, min(verb.i - 1, clause.right_edge.i))
    if bounds is None or verb.i - bounds[1] - 1 > MAX_SPEAKER_GAP:
        return None
    if any(t.tag_.startswith("VB") and t.head.i != verb.i for t in doc[bounds[1] + 1 : verb.i]):
        return None
    return bounds


def _without_stranded_subject(doc, bounds: tuple[int, int]) -> tuple[int, int] | None:
    """ "said they … mishandled the investigation and Democrats accused …": the parser joins the
    next clause's subject to this one; the clause ends before "and"."""
    first, last = bounds
    after = last + 1
    if after < len(doc) and last - 1 > first and doc[last - 1].dep_ == "cc" and is_stranded_subject(doc[last], doc[after]):
        return strip(doc, first, last - 2)
    return bounds


def _interrupted_clause(piece: ParsedPiece, verb: Token) -> list[Reported]:
    """"The economy, the minister said, is weak": the clause the cue interrupts is what was said."""
    head = verb.head
    if verb.dep_ != "parataxis" or head.i == verb.i or not head.tag_.startswith(("VB", "MD")):
        return []
    speaker = speaker_of(verb)
    own = range(verb.left_edge.i, verb.right_edge.i + 1)
    if not is_usable_speaker(speaker) or speaker.i not in own:
        return []
    bounds = clause_around(piece, head, own.start, own.stop - 1)
    if bounds is None or bounds[1] == bounds[0]:
        return []
    return [reported(piece, bounds, attribution_of(verb, verb.text, speaker, piece.start))]


def _according_to(piece: ParsedPiece, shape: dict[str, Token]) -> list[Reported]:
    """"X happened, according to Y" (tree_patterns.ACCORDING_TO): the clause is attributed to Y."""
    according, to, source = shape["according"], shape["to"], shape["source"]
    return _clause_of_source_phrase(piece, according, to, source)


def _in_poll(piece: ParsedPiece, shape: dict[str, Token]) -> list[Reported]:
    """"In a CNN poll, Clinton led by 24 points" (tree_patterns.IN_POLL): the clause is what the poll
    found, where the phrase opens it. Not where the verb is a cue ("In the poll, most voters said …"):
    the cue's rule reads that. Nor "Bush slid in the polls": a candidate's fortunes, which PolNeAR
    attributes to the polls about as often as not (on its train split)."""
    verb, preposition = shape["verb"], shape["in"]
    if verb_lemma(verb.text) in CUE_VERBS or preposition.i > verb.i:
        return []
    if any(c.dep_ in ("nsubj", "nsubjpass") and c.left_edge.i < preposition.i for c in verb.children):
        return []
    return _clause_of_source_phrase(piece, preposition, preposition, shape["poll"])


def _clause_of_source_phrase(piece: ParsedPiece, cue_first: Token, cue_last: Token, source: Token) -> list[Reported]:
    """The clause a phrase naming its source hangs on ("according to X", "in a poll"), without the
    phrase, attributed to the source; the cue is the phrase's words before the source's."""
    phrase_end = max(source.right_edge.i, cue_last.i)
    # "Prices rose in 1972 and have since doubled, according to X": the phrase hangs on the last
    # conjunct, but attributes the whole coordination.
    clause = cue_first.head
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    bounds = clause_around(piece, clause, cue_first.i, phrase_end)
    if bounds is None or bounds[1] == bounds[0]:
        return []
    start, end = mention_bounds(source)
    attribution = Attribution(
        cue=piece.doc[cue_first.i : cue_last.i + 1].text,
        cue_start=cue_first.idx + piece.start,
        speaker_start=start + piece.start,
        speaker_end=end + piece.start,
    )
    return [reported(piece, bounds, attribution)]


def _object_with_fragment(piece: ParsedPiece, verb: Token, lemma: str) -> list[Reported]:
    """"called the plan “a disgrace”": the verb's object and complement, if they quote someone.
    A plain verb of saying says nothing through a preposition ("concludes with footage of …",
    "said in an interview with “Fox News”"); a fragment verb may ("referred to it as “a mess”")."""
    arguments = [c for c in verb.rights if c.dep_ in _OBJECT_DEPS]
    if not arguments or (arguments[0].dep_ == "prep" and lemma not in FRAGMENT_VERBS):
        return []
    speaker = speaker_of(verb)
    if not is_usable_speaker(speaker):
        return []
    bounds = strip(verb.doc, arguments[0].left_edge.i, arguments[-1].right_edge.i)
    if bounds is None:
        return []
    attribution = attribution_of(verb, verb.text, speaker, piece.start)
    return [reported(piece, bounds, attribution, needs_quote=True)]


def _object_content(piece: ParsedPiece, verb: Token, lemma: str) -> list[Reported]:
    """ "questioned the health of Donald Trump", "likened RT to the BBC", "cited his comments": the
    object a subject criticizes, praises, backs, wants or speaks of, with what completes it. The
    verb must be active and have an object: "was criticized for …" names no one's stance,
    "criticized on Twitter" no target. Where the phrase of a fragment verb quotes someone, the
    fragment rule reads it and keeps the quoted words."""
    if any(child.dep_ == "auxpass" for child in verb.children):
        return []
    phrase = verb.doc[verb.i + 1 : verb.right_edge.i + 1]
    if lemma in _OBJECT_CUES and any(token.text in _QUOTE_MARKS for token in phrase):
        return []
    # Not a clausal complement: in "support the plan, a survey found" the parser hangs the survey's cue there.
    arguments = [c for c in verb.rights if c.dep_ in _OBJECT_DEPS and c.dep_ != "ccomp"]
    obj = next((c for c in arguments if c.dep_ == "dobj"), None)
    if obj is None or lemma == "raise" and obj.lower_ not in RAISED_NOUNS:
        return []
    if lemma in CHARACTERIZING_VERBS and not _characterized(arguments, obj):
        return []
    last = arguments[-1].right_edge.i
    # "confirm gay men have been targeted": a finite verb right after the object shows the parser
    # took a clause's subject for the object; the clause is the complement, read elsewhere or not at all.
    if last + 1 < len(verb.doc) and verb.doc[last + 1].tag_ in ("MD", "VBD", "VBZ", "VBP"):
        return []
    speaker = speaker_of(verb)
    if not is_usable_speaker(speaker):
        return []
    bounds = strip(verb.doc, obj.left_edge.i, last)
    if bounds is None:
        return []
    return [reported(piece, bounds, attribution_of(verb, verb.text, speaker, piece.start))]


def _characterized(arguments: list[Token], obj: Token) -> bool:
    """Whether the object has a complement saying what it is taken to be: "called the charges
    [unsubstantiated]", "saw the comment [as a dig]" (the parser hangs "as" on the verb or the object)."""
    return any(c.dep_ in ("oprd", "xcomp", "acomp") for c in arguments) or any(
        c.dep_ == "prep" and c.lower_ == "as" for c in (*arguments, *obj.rights)
    )


def _stance(piece: ParsedPiece, verb: Token, lemma: str) -> list[Reported]:
    """ "urged Congress to act", "called for a review", "accused X of lying": what the subject asks
    for, intends or holds against someone. An infinitive or a preposition must carry it: a bare
    object ("called the police", "wants a car") says nothing of what anyone holds."""
    if any(child.dep_ == "auxpass" for child in verb.children):
        return []  # "the plan is intended to …", "he was asked to …": no one's stance is named
    prepositions = _STANCE_PREPOSITIONS.get(lemma, ())
    arguments = [c for c in verb.rights if c.dep_ in _STANCE_DEPS or _for_to_mark(c, prepositions) is not None]
    if not arguments:
        return []
    # "accused the operator of lying": the parser hangs the preposition on the object as often as on the verb.
    candidates = [*arguments, *(c for a in arguments if a.dep_ == "dobj" for c in a.rights)]
    carried = [c for c in candidates if c.dep_ == "xcomp" and c.tag_ == "VB" or c.dep_ == "prep" and c.lower_ in prepositions
               or _for_to_mark(c, prepositions) is not None]
    # "called for", "called on": the preposition right after the verb; "called the police on Monday" is no stance.
    # "called Friday for", "called again for", "called on Friday for": a time or an adverb may stand between.
    preposition = next((c if c.dep_ == "prep" else _for_to_mark(c, prepositions) for c in arguments
                        if c in carried and (c.dep_ == "prep" and not _is_time_phrase(c) or c.dep_ == "advcl")), None)
    phrasal = preposition if preposition is not None and _only_time_between(verb, preposition) else None
    if not carried or (lemma in _PHRASAL_ONLY and phrasal is None):
        return []
    speaker = speaker_of(verb)
    if not is_usable_speaker(speaker):
        return []
    first = phrasal.i + 1 if phrasal is not None else arguments[0].left_edge.i
    bounds = strip(verb.doc, first, max(c.right_edge.i for c in arguments))
    if bounds is None or bounds[1] - bounds[0] < 1:
        return []
    return [reported(piece, bounds, attribution_of(verb, verb.text, speaker, piece.start))]


def _for_to_mark(clause: Token, prepositions: Collection[str]) -> Token | None:
    """ "is calling for the United States to step up …": the parser may read the stance's "for … to"
    as a clause of purpose, with "for" its mark. That "for" (one of the verb's stance prepositions)."""
    if clause.dep_ != "advcl" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children):
        return None
    return next((c for c in clause.children if c.dep_ == "mark" and c.lower_ in prepositions and c.i < clause.i), None)


# The rules for a cue verb, in precedence order: (id, the verbs it applies to, the rule).
_VERB_RULES: list[tuple[str, Collection[str], Callable[[ParsedPiece, Token, str], list[Reported]]]] = [
    ("complement-clause", CUE_VERBS, lambda piece, verb, lemma: _complement_clauses(piece, verb)),
    ("claim-clause", CUE_VERBS, lambda piece, verb, lemma: _claim_clause(piece, verb)),
    ("interrupted-clause", CUE_VERBS, lambda piece, verb, lemma: _interrupted_clause(piece, verb)),
    ("stance", STANCE_VERBS, _stance),
    ("gerund-complement", SPEECH_VERBS, lambda piece, verb, lemma: _gerund_complement(piece, verb)),
    ("object-clause", _CLAUSE_OBJECT_VERBS, lambda piece, verb, lemma: _complement_clauses(piece, verb, after=True)),
    ("object-content", _OBJECT_CONTENT_VERBS, _object_content),
    ("passive-content", _PASSIVE_CONTENT_VERBS, passive_content),
    ("prepositional-content", PREPOSITIONAL_CUES, prepositional_content),
    ("object-fragment", _OBJECT_CUES, _object_with_fragment),
]
