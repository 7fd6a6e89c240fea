"""Who speaks through a cue: the subject of a cue verb, and the words that name them.

The subject is found through the usual detours of news syntax: a conjoined
verb borrows its subject ("told reporters … and added that"), a participle its
main verb's ("…, saying that"), an infinitive after an object that object ("forced
the chief to admit"), a relative clause its antecedent ("Mogherini,
who said"), a passive its agent ("was told by the minister"), and "with X
saying" its X. An infinitive on a noun ("held a briefing to announce") and a
participle the parser hangs on a relative clause ("fined a skipper who …, saying")
speak for the subject of the clause around the noun. The mention is the
speaker's noun phrase as written, up to the comma that starts what the article
adds about them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeGuard

from newsflow_shared.wordlists import words
from spacy.tokens import Token

from newsflow_parse.cues import holds_object_to_gerund, is_object_control_verb, verb_lemma

SUBJECTS = ("nsubj", "nsubjpass", "csubj")
PROPER_TAGS = ("NNP", "NNPS")
NOUN_TAGS = ("NN", "NNS", "NNP", "NNPS", "PRP", "CD")
RELATIVE_TAGS = ("WP", "WDT")
# Dependents that end a speaker mention: what follows a comma is about the speaker, not them.
_MENTION_STOPPERS = ("relcl", "acl", "appos", "punct", "parataxis", "advcl", "cc", "conj", "case")
# What sets a trailing participle off from the clause before it: "…, saying", "… — saying".
_PARTICIPLE_BREAKS = (",", "—", "–", "--")
# Prepositions that take a noun and a participle as one clause: "with the union saying …".
_ABSOLUTE_PREPOSITIONS = ("with", "despite", "without")
_CLAUSE_PUNCT = (",", ";", ":", "(", "—", "–", "--")
# Verbs whose "it"/"this" subject stands for nobody: "it was said", "this shows".
_DUMMY_SUBJECT_VERBS = ("show", "seem")
NOWHERE = range(0)
MAX_MAKER_CLAUSE_TOKENS = 12
# What an organization or a person issues to say something: the issuer is the speaker.
DOCUMENT_NOUNS = words("attribution_speakers.document_nouns")

# What records someone speaking: "a video of the minister saying …" is the minister's word.
RECORDING_NOUNS = words("attribution_speakers.recording_nouns")


@dataclass(frozen=True)
class Attribution:
    """A cue (as written) and the speaker mention, as body offsets; speaker may be unknown."""

    cue: str | None
    cue_start: int | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    rule: str = ""  # the id of the rule that chose the speaker (rules.SPEAKER_BY, or a FOUND_BY clause rule)


def attribution_of(cue: Token, cue_text: str, speaker: Token | None, offset: int) -> Attribution:
    """The attribution of `cue` with `speaker`'s mention; `offset` is where the doc starts in the body."""
    if speaker is None:
        return Attribution(cue=cue_text, cue_start=cue.idx + offset)
    start, end = mention_bounds(speaker)
    return Attribution(cue=cue_text, cue_start=cue.idx + offset, speaker_start=start + offset, speaker_end=end + offset)


def speaker_of(cue: Token, said: range = NOWHERE) -> Token | None:
    """The token naming who speaks through `cue`, or None.

    `said` holds the token indexes of what was said: a subject among them (the
    parser's slip on `"…, it will," said Jane Doe`) is not the speaker.
    """
    if cue.dep_ == "compound" and cue.head.i > cue.i and cue.head.tag_ in PROPER_TAGS and cue.head.i not in said:
        return cue.head  # "Said Ellis: “…”": the parser reads the inverted cue as part of the name
    climbed_from: Token | None = None  # the word the walk last climbed from to `cue`
    for _ in range(6):  # a chain of conjoined or subordinate verbs is never long
        # Whether the last step climbed from an infinitive to the word it completes.
        from_infinitive = climbed_from is not None and climbed_from.dep_ == "xcomp"
        if from_infinitive and (controller := _passive_controller(cue, said)) is not None:
            return controller
        subject = (_direct_subject(cue, said) or _with_absolute_subject(cue)
                   or _name_with_appositive_before(cue, said) or _name_right_before(cue, said))
        if subject is not None and subject.tag_ in RELATIVE_TAGS and cue.dep_ == "relcl":
            return _issuer(cue.head) or subject  # "a statement that called …": its issuer
        if subject is not None:
            return subject
        controller = _controlling_object(cue, said)
        if controller is not None:
            return controller
        beyond = _main_clause_past_relative(cue)
        climbed_from = cue
        if beyond is not None:
            cue = beyond
        elif cue.dep_ in ("conj", "advcl", "xcomp", "parataxis") and cue.head.i != cue.i:
            cue = cue.head
        elif cue.dep_ == "acomp" and from_infinitive and cue.head.i != cue.i:
            cue = cue.head  # "was quick to point out that …", "is likely to stress that …": the subject of "was"
        elif cue.dep_ == "pcomp" and cue.tag_ == "VBG" and cue.head.dep_ == "prep":
            # "by saying", "took the last step of announcing": the gerund is the act of the one the
            # phrase is about; "accused the mayor of saying", "fined the skipper for refusing" are
            # the mayor's and the skipper's.
            preposition = cue.head
            head = preposition.head
            governor = _verb_of_argument(head) if head.tag_ in NOUN_TAGS else head
            if governor is None or not governor.tag_.startswith("VB"):
                return None
            target = next((c for c in governor.children if c.dep_ == "dobj" and c.i < cue.i and c.tag_ in NOUN_TAGS), None)
            if target is not None and preposition.head.i == governor.i and holds_object_to_gerund(governor.text) \
                    and target.lower_ not in ("it", "this", "that"):
                return target
            cue = governor
        elif cue.dep_ == "acl" and cue.tag_ == "VBN":
            # "the plan criticized by the union": the noun is what the participle was done to.
            return _agent(cue) or _mistagged_main_verb(cue)
        elif cue.dep_ in ("relcl", "acl") and cue.head.tag_ in NOUN_TAGS:
            # "sources who said", "the minister, speaking in Kyiv, said"
            return _issuer(cue.head) or _described_name(cue) or cue.head
        else:
            return _stranded_subject(cue) or _previous_subject(cue)
    return None


def _stranded_subject(verb: Token) -> Token | None:
    """ "Republicans said they … mishandled the investigation and Democrats accused the GOP of …":
    the parser may join the second subject to the first clause's last noun and leave the finite
    verb after it with no subject; the noun right before that verb is its subject."""
    if verb.i < 2:
        return None
    noun = verb.doc[verb.i - 1]
    return noun if is_stranded_subject(noun, verb) else None


def is_stranded_subject(noun: Token, verb: Token) -> bool:
    """Whether `noun`, right before the subjectless finite `verb`, is its subject joined by the parser
    to the clause before as a conjunct ("… the investigation and Democrats accused …")."""
    if noun.i + 1 != verb.i or verb.tag_ not in ("VBD", "VBZ", "VBP") or verb.dep_ not in ("ccomp", "ROOT"):
        return False
    if any(c.dep_ in SUBJECTS for c in verb.children) or noun.i < 1:
        return False
    return noun.dep_ == "conj" and noun.doc[noun.i - 1].dep_ == "cc" and noun.tag_ in ("NNS", "NNP", "NNPS")


def _main_clause_past_relative(verb: Token) -> Token | None:
    """The verb of the clause a noun serves, where `verb` speaks for that clause's subject, not the noun.

    - an infinitive on a noun: "Ms Vane called a meeting to announce that …", "Ms Vane was the
      first to say that …": a purpose, or who was first, not what the meeting or "the first" said;
    - a participle after a comma or a dash that the parser hangs on a clause with its own subject
      inside a noun phrase: "the harbour board fined a skipper who ran aground, saying that …",
      "Ms Vane rejected claims that the ferry was unsafe — saying …": the board and Ms Vane say it.
    """
    if verb.dep_ in ("relcl", "acl") and _is_infinitive(verb):
        return _verb_of_argument(verb.head)
    clause = verb.head
    trailing_participle = verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.i > clause.i
    clause_in_noun_phrase = clause.dep_ in ("relcl", "acl") and any(c.dep_ in SUBJECTS for c in clause.children)
    mark = verb.doc[verb.i - 1]
    if trailing_participle and clause_in_noun_phrase and mark.text in _PARTICIPLE_BREAKS and not _set_off(clause, mark):
        return _verb_of_argument(clause.head)
    return None


def _set_off(clause: Token, mark: Token) -> bool:
    """ "with Ms Vane — who chairs the board — saying": the mark before the participle closes a pair
    around the clause, and the participle goes on from the noun the clause describes."""
    first = clause.left_edge.i
    return first > 0 and clause.doc[first - 1].text == mark.text


def _is_infinitive(verb: Token) -> bool:
    """ "to announce", "to have pledged": a verb with its own "to", and no relative pronoun to be its subject."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) and not any(
        c.tag_ in RELATIVE_TAGS for c in verb.children
    )


def _verb_of_argument(noun: Token) -> Token | None:
    """The verb `noun` is the object or predicate of, directly or through a preposition ("ran on his record")."""
    if noun.dep_ == "pobj" and noun.head.dep_ == "prep":
        noun = noun.head
    if noun.dep_ in ("dobj", "attr", "prep") and noun.head.tag_.startswith("VB") and noun.head.i != noun.i:
        return noun.head
    return None


def _controlling_object(verb: Token, said: range) -> Token | None:
    """"The panel forced the chief to admit that …", "left many voters feeling that …": after
    a verb of object control the complement is the object's act, not the subject's; after any
    verb, "footage of the senator asking" is the senator's."""
    if verb.dep_ != "xcomp" or verb.head.i == verb.i:
        return None
    objects = [c for c in verb.head.children if c.dep_ in ("dobj", "dative") and c.i < verb.i and c.i not in said]
    # Two objects ("asking applicants riddles to see how they respond") leave an infinitive of purpose.
    if len(objects) != 1 or objects[0].dep_ != "dobj":
        return None
    obj = objects[0]
    if obj.tag_ not in NOUN_TAGS or obj.lower_ in ("it", "this", "that"):
        return None
    recorded = _recorded(obj)
    if recorded is not None:
        return recorded
    return obj if is_object_control_verb(verb.head.text) else None


def _recorded(record: Token) -> Token | None:
    """"footage of the senator saying": a recording shows its subject speak."""
    if record.lower_ not in RECORDING_NOUNS:
        return None
    of = next((c for c in record.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    return next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None


def _previous_subject(root: Token) -> Token | None:
    """"Lavrov denied it. Going on to accuse Johnson of …": a sentence that opens with a
    subjectless participle continues the previous sentence's subject."""
    doc = root.doc
    sentence = root.sent
    if root.dep_ != "ROOT" or root.tag_ != "VBG" or root.i != sentence.start or sentence.start == 0:
        return None
    previous = doc[sentence.start - 1].sent.root
    subject = next((c for c in previous.children if c.dep_ == "nsubj"), None)
    return subject if subject is not None and subject.tag_ in PROPER_TAGS else None


def is_usable_speaker(speaker: Token | None) -> TypeGuard[Token]:
    """A relative pronoun speaks only through the noun its clause hangs on."""
    return speaker is not None and (speaker.tag_ not in RELATIVE_TAGS or speaker.head.dep_ == "relcl")


def mention_bounds(head: Token) -> tuple[int, int]:
    """Character span (in the doc) of the noun phrase headed by `head`, without what follows a comma."""
    if head.tag_ in RELATIVE_TAGS and head.head.dep_ == "relcl" and head.head.head.i != head.head.i:
        # "Mogherini, who said": the antecedent speaks; "Sea Links, an operator that said": the name
        head = _described_name(head.head) or head.head.head
    names = [c for c in head.children if c.dep_ == "appos" and c.tag_ in PROPER_TAGS]
    if head.tag_ not in PROPER_TAGS and names:
        head = names[0]  # "The operator, Bluewater Lines, said": the name is the mention
    doc = head.doc
    first = head.i
    for child in head.lefts:
        if child.dep_ not in _MENTION_STOPPERS:
            first = min(first, child.left_edge.i)
            break
    last = head.i
    for child in head.rights:
        between = doc[last + 1 : child.i]
        if _names_its_maker(head, child, between):
            last = child.right_edge.i
            continue
        if child.dep_ in _MENTION_STOPPERS or any(t.is_punct and not _joins_a_word(t) for t in between):
            if child.dep_ not in ("cc", "conj") or any(t.text == "," for t in between):
                break
        # "Cara Diemont of IT firm Dimension Data, which commissioned the survey": up to the comma.
        comma = next((t.i for t in doc[child.i : child.right_edge.i + 1] if t.text in _CLAUSE_PUNCT), None)
        if comma is not None:
            last = comma - 1
            break
        last = child.right_edge.i
    # "labor unions, environmental groups, and many lawmakers": a list speaks as one.
    conjunct = next((c for c in head.rights if c.dep_ == "conj"), None)
    if conjunct is not None and doc[last + 1 : conjunct.left_edge.i].text.strip() == "," and _ends_a_list(conjunct):
        last = _list_end(conjunct)
    if head.tag_ in PROPER_TAGS:
        first = _name_start(head, first)
    if first < head.i and doc[first].text == "Said" and doc[first].is_sent_start and doc[first].dep_ == "compound" \
            and head.i + 1 < len(doc) and doc[head.i + 1].text == ":":
        first += 1  # "Said Ellis: “…”": the inverted cue read as part of the name is not part of it
    while last > first and doc[last].is_punct:
        last -= 1
    while first < last and doc[first].is_punct:
        first += 1
    return doc[first].idx, doc[last].idx + len(doc[last])


def _joins_a_word(token: Token) -> bool:
    """A hyphen with no space on either side: "two-thirds" is one word that the tokenizer split."""
    return token.text == "-" and token.i > 0 and not token.doc[token.i - 1].whitespace_ and not token.whitespace_


def _ends_a_list(conjunct: Token) -> bool:
    """Whether a conjunct after a comma starts the rest of a list of nouns that "and" or "or" closes."""
    node = conjunct
    for _ in range(12):
        if node.tag_ not in NOUN_TAGS:
            return False
        if any(c.dep_ == "cc" and c.lower_ in ("and", "or") for c in node.children) or node.doc[node.i - 1].lower_ in ("and", "or"):
            return True
        following = next((c for c in node.children if c.dep_ == "conj"), None)
        if following is None:
            return False
        node = following
    return False


def _list_end(conjunct: Token) -> int:
    """The last token of a list's final member, without what a comma adds about it."""
    node = conjunct
    while (following := next((c for c in node.children if c.dep_ == "conj"), None)) is not None:
        node = following
    last = node.i
    for child in node.rights:
        if child.dep_ in _MENTION_STOPPERS or any(t.is_punct for t in node.doc[last + 1 : child.i]):
            break
        comma = next((t.i for t in node.doc[child.i : child.right_edge.i + 1] if t.text in _CLAUSE_PUNCT), None)
        if comma is not None:
            return comma - 1
        last = child.right_edge.i
    return last


def _names_its_maker(head: Token, child: Token, between) -> bool:
    """"A 2014 study that appeared in the BMJ", "a complaint filed by the S.E.C.": a short clause
    right on a common noun says whose work speaks, and belongs to the mention."""
    if head.tag_ not in ("NN", "NNS") or child.dep_ not in ("acl", "relcl") or any(t.is_punct for t in between):
        return False
    clause = head.doc[child.left_edge.i : child.right_edge.i + 1]
    if len(clause) > MAX_MAKER_CLAUSE_TOKENS or any(t.is_punct or t.dep_ == "ccomp" for t in clause):
        return False
    return any(t.tag_ in PROPER_TAGS for t in clause)


def _name_start(head: Token, first: int) -> int:
    """Where the name ends a noun phrase's description: "union organiser [Dana Kell]",
    "Putin’s spokesman [Dmitry Peskov]"; a capitalised title stays ("[Mayor Tom Berrick]")."""
    doc = head.doc
    start = head.i
    while start - 1 >= first:
        before = doc[start - 1]
        if before.text[:1].isupper() and before.tag_ != "POS":
            start -= 1
        elif before.text == "-" and not before.whitespace_ and start - 2 >= first and doc[start - 2].text[:1].isupper() \
                and not doc[start - 2].whitespace_:
            start -= 2  # "Douglas Holtz-Eakin": a hyphen inside a name joins its parts
        else:
            break
    return start


def _direct_subject(verb: Token, said: range) -> Token | None:
    subjects = [c for c in verb.children if c.dep_ in SUBJECTS]
    for child in verb.children:
        if child.dep_ not in SUBJECTS or child.i in said or not any(c.isalnum() for c in child.text):
            continue  # a dash the tagger took for a noun ("public ― Trump boasted") names nobody
        if _relative_beside_subject(child, subjects):
            continue
        if _opens_quote(child):
            continue  # what opens a quote ("said on “Fox and Friends.”", "-- ''That makes me …''") speaks for nobody
        if child.dep_ == "nsubjpass":
            return _agent(verb)
        if child.tag_ == "EX" or (child.lower_ in ("it", "this", "that") and _is_dummy(verb)):
            return None
        return _interrupting_name(verb, child) or child
    if verb.dep_ != "ROOT":
        return None
    # "said Priya Nandi": an inverted subject can be parsed as the object.
    after = [c for c in verb.rights if c.dep_ in ("dobj", "attr") and c.tag_ in PROPER_TAGS and c.i not in said]
    return after[0] if after else None


def _relative_beside_subject(candidate: Token, subjects: list[Token]) -> bool:
    """ "the reasons that Ms Vane gives for …": a relative pronoun the parser makes a second subject
    of a clause that has its own is the clause's object or adverb; the clause's subject speaks."""
    return candidate.tag_ in RELATIVE_TAGS and any(s.tag_ not in RELATIVE_TAGS for s in subjects)


def _name_with_appositive_before(verb: Token, said: range) -> Token | None:
    """"On Monday, Col. Ann Roe, a spokeswoman, said": when the parser hangs the name on
    something else and leaves the cue without a subject, a name whose appositive closes
    with the comma right before the cue is the speaker."""
    if verb.dep_ != "ROOT" or verb.tag_ in ("VBG", "VBN") or verb.i < 2 or verb.doc[verb.i - 1].text != ",":
        return None  # ", arguing that": a participle's subject is its main verb's
    if any(c.dep_ in SUBJECTS for c in verb.children):
        return None
    comma = verb.i - 1
    for token in reversed(verb.doc[verb.sent.start : comma]):  # the innermost: "Dec. 2, Col. Ann Roe, a spokeswoman,"
        if token.dep_ == "appos" and token.right_edge.i == comma - 1 and token.head.i < token.i \
                and token.head.tag_ in PROPER_TAGS and token.head.i not in said:
            return token.head
    return None


def _name_right_before(verb: Token, said: range) -> Token | None:
    """"Saturday at the party convention Sen. Elizabeth Warren (D-MA) said": with no comma after an
    opening phrase, the parser may take the name into it and leave the main verb with no subject; a
    name ending right before the verb, or right before a bracket before it, is the speaker."""
    if verb.dep_ != "ROOT" or verb.tag_ not in ("VBD", "VBZ", "VBP") or any(c.dep_ in SUBJECTS for c in verb.children):
        return None
    before = verb.i - 1
    if before > verb.sent.start and verb.doc[before].text == ")":
        opening = next((t.i for t in reversed(verb.doc[verb.sent.start : before]) if t.text == "("), None)
        before = opening - 1 if opening is not None else before
    if before <= verb.sent.start:
        return None
    name = verb.doc[before]
    if name.tag_ not in PROPER_TAGS or name.i in said or name.head.i > name.i or name.dep_ == "compound":
        return None
    return name


def _interrupting_name(verb: Token, subject: Token) -> Token | None:
    """"To understand Dred Scott, Chief Justice Roberts said, one should …": the parser hangs the
    name before an interrupting cue on the last name of the clause; that name is the speaker."""
    if verb.dep_ != "parataxis" or subject.tag_ not in PROPER_TAGS:
        return None
    names = [c for c in subject.rights if c.dep_ == "appos" and c.tag_ in PROPER_TAGS and c.right_edge.i == verb.i - 1]
    return names[0] if names else None


def _described_name(clause: Token) -> Token | None:
    """ "Sea Links, a ferry operator that opposed the plan", "Ms Vane, the only member to oppose
    it": a clause on an appositive tells of the one the appositive describes, named before it.
    A finite verb with no relative pronoun is no such clause but a main clause the parser hung on
    a noun ("… flooded Kelby, a local paper urged …"), and the place is no speaker."""
    noun = clause.head
    if clause.tag_ in ("VBD", "VBZ", "VBP") and not any(c.tag_ in RELATIVE_TAGS for c in clause.children):
        return None
    return noun.head if noun.dep_ == "appos" and noun.head.i < noun.i and noun.head.tag_ in NOUN_TAGS else None


def _issuer(document: Token) -> Token | None:
    """"The council issued a statement calling …", "prompted her to make a comment that …": a
    document speaks for whoever put it out."""
    if document.lower_ not in DOCUMENT_NOUNS or document.dep_ != "dobj":
        return None
    verb = document.head
    subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.tag_ in NOUN_TAGS), None)
    if subject is None and verb.dep_ == "xcomp":
        return _controlling_object(verb, NOWHERE)
    return subject


def _opens_quote(token: Token) -> bool:
    """Whether the phrase of `token` starts right after an opening quotation mark (one that
    clings to the word after it, unlike the closing mark of `,” Peskov said`)."""
    first = token.left_edge.i
    if first == 0:
        return False
    mark = token.doc[first - 1]
    return mark.is_quote and not mark.whitespace_


def _mistagged_main_verb(participle: Token) -> Token | None:
    """ "Roy Cooper, the governor's opponent in the election, called Friday for …": in a sentence
    with no verb of its own the parser may take the main verb for a participle on the last noun;
    the sentence's head noun, before it, is then its subject."""
    root = participle.sent.root
    if root.tag_ in PROPER_TAGS and root.i < participle.i:
        # No verb before it: a verb after ("…, saying …") may be the parser's main verb, or a participle.
        before = participle.doc[participle.sent.start : participle.i]
        if any(t.tag_.startswith(("VB", "MD")) and t.dep_ not in ("amod", "compound") for t in before):
            return None
        return root
    # "Roy Cooper, the governor's opponent, called Friday for …, saying …": the parser makes the
    # participle a verb of its own and hangs the misread verb inside the subject's appositive.
    subject = next((c for c in root.children if c.dep_ == "nsubj" and c.tag_ in PROPER_TAGS), None)
    comma_before = participle.i > 0 and participle.doc[participle.i - 1].text == ","
    if subject is not None and comma_before and subject.i < participle.i <= subject.right_edge.i:
        return subject
    return None


def _with_absolute_subject(verb: Token) -> Token | None:
    """"…, with the president of the union saying that …", "despite a few supporters of the bill,
    such as Ms Lenz, now saying …": the noun before the participle speaks."""
    if verb.tag_ != "VBG" or verb.i == 0:
        return None
    # The participle's own adverbs may stand between, and the comma closing an insertion in the
    # noun phrase: "supporters, such as Ms Lenz, now saying"; but after "with supporters, saying"
    # the participle goes with the main clause.
    before = verb.i - 1
    while before > 0 and (verb.doc[before].text == "," or (verb.doc[before].dep_ == "advmod" and verb.doc[before].head.i == verb.i)):
        before -= 1
    noun = verb.doc[before]
    for _ in range(8):
        if noun.dep_ == "pobj" and noun.head.lower_ in _ABSOLUTE_PREPOSITIONS:
            comma_skipped = any(t.text == "," for t in verb.doc[before + 1 : verb.i])
            inserted = any(t.text == "," for t in verb.doc[noun.i : before])
            if before <= noun.right_edge.i < verb.i and (inserted or not comma_skipped):
                return _recorded(noun) or noun  # "with footage of the mayor saying": the mayor
            return None
        if noun.head.i == noun.i or noun.head.i >= verb.i:
            return None
        noun = noun.head
    return None


def _passive_controller(verb: Token, said: range) -> Token | None:
    """ "Ms Vane is expected to announce …", "was forced to admit …", "was asked to explain …": the
    subject of a passive verb does what its infinitive says, whoever did the expecting or asking."""
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if subject is None or subject.i in said or _opens_quote(subject) or subject.tag_ == "EX":
        return None
    return subject


def _agent(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _is_dummy(verb: Token) -> bool:
    return verb_lemma(verb.text) in _DUMMY_SUBJECT_VERBS or any(c.dep_ == "nsubjpass" for c in verb.children)
