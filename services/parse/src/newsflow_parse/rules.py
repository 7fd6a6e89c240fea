"""The rules that find quotes and choose their speakers: their ids, in precedence order, and a switch.

Every quote parse reports names the rule that found it (`found_by`) and the
one that chose its speaker mention (`speaker_by`), so that what each rule is
worth can be measured (`python -m benchmarks.rules`). Where two rules could
apply, the one listed first wins; a rule switched off (`switched_off`, for
measuring only: the switch is process-wide) is passed over as if it never
matched.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

# What found a quote. A quoted span first; then a reported clause, by the first rule that finds one
# for a cue (attribution_rules.find_reported tries them in this order).
FOUND_BY = {
    "quote-marks": "text between quotation marks",
    "transcript-turn": "`NAME: …` opening a quoted turn",
    "according-to": "`according to X, …`",
    "in-poll": "what a poll found: `In a CNN poll, Clinton led by 24 points`",
    "noun-claim": "a claim as a noun: `the union's claim that …`",
    "noun-intent": "an intent as a noun: `filed a motion to …`",
    "as-put-it": "`as X put it, …`",
    "complement-clause": "a cue verb's clause: `said that …`, `…, she said`",
    "claim-clause": "a cue verb's object clause: `claimed victory over …`",
    "interrupted-clause": "a clause the cue interrupts: `The plan, she said, is dead`",
    "stance": "what someone urges, refuses, accuses of: `urged Congress to act`",
    "gerund-complement": "`admitted using the tax code`",
    "object-clause": "the clause of a verb whose object is what was said: `discussed how …`",
    "object-content": "an object that is what was said or judged: `questioned the health of …`",
    "passive-content": "a passive with its agent: `was first reported by the Post`",
    "prepositional-content": "`commented on …`, `apologized for …`",
    "object-fragment": "an object quoting the speaker's words: `called the plan “a disgrace”`",
    "headline-colon": "a headline's `SOURCE: claim` (`Pence: Flowers won't be at debate`); titles only",
}

# What chose a quote's speaker mention. A reported clause's speaker comes with the rule that found it
# (the cue's subject, the owner of a claim ...); a quoted span's from these, in this order.
SPEAKER_BY = {
    "dash-lead": "`Mitt Romney -- “…” --`: a name and a dash before the quote",
    "according-to": "`according to X`",
    "cue-subject": "the subject of a cue verb around the quote",
    "name-before-cue": "a name right before the cue after the quote",
    "colon-lead": "`He continued: “…”`: the clause a colon ends",
    "name-colon": "`Donald Trump: “…”`",
    "dash-tail": "`“…” — Senator Jane Doe`",
    "sentence-before": "a quote that is a sentence of its own continues the cue before it",
    "transcript-turn": "`NAME: …` opening a quoted turn",
    "run": "handed on within a quote running over paragraphs",
    "paragraph": "handed on from the nearest attributed quote of the paragraph",
    "colon-paragraph": "handed on from a paragraph ending in a colon (`She continued:`)",
    "previous-paragraph": "handed on from the previous paragraph's last attributed quote",
    "headline-colon": "the source before a headline's colon; titles only",
}

_off: set[str] = set()


def is_on(rule: str) -> bool:
    return rule not in _off


@contextmanager
def switched_off(*names: str) -> Iterator[None]:
    """Run with these rules passed over (for measuring what they are worth)."""
    unknown = set(names) - FOUND_BY.keys() - SPEAKER_BY.keys()
    if unknown:
        raise ValueError(f"no such rule: {', '.join(sorted(unknown))}")
    before = set(_off)
    _off.update(names)
    try:
        yield
    finally:
        _off.clear()
        _off.update(before)
