"""Every quote names the rule that found it and the one that chose its speaker (issue 19), and a rule
switched off is passed over, so that what each is worth can be measured (benchmarks.rules)."""

import pytest

from newsflow_parse import rules
from newsflow_parse.quotes import extract_quotes_batch

BODY = """"We are delighted to see traffic flowing again," Mayor Tom Berrick said at the ceremony.

According to the council: "Every contractor was paid on time and in full."

The engineer in charge, Ruth Abara, spoke last. She continued:

“We found rust in places nobody had inspected for forty years.

“It will not happen again on my watch,” she said.

“Bridges are the arteries of a town like this one.” — Olu Benson, harbour master

Shop owners said the closure had cost them half their trade.
"""


def rule_ids(body: str = BODY) -> dict[str, tuple[str | None, str | None]]:
    return {q.text[:20]: (q.found_by, q.speaker_by) for q in extract_quotes_batch([("a", body)])[0]}


def test_each_quote_names_the_rules_that_found_it_and_chose_its_speaker():
    assert rule_ids() == {
        "We are delighted to ": ("quote-marks", "cue-subject"),
        "Every contractor was": ("quote-marks", "according-to"),
        "We found rust in pla": ("quote-marks", "run"),
        "It will not happen a": ("quote-marks", "cue-subject"),
        "Bridges are the arte": ("quote-marks", "dash-tail"),
        "the closure had cost": ("complement-clause", "complement-clause"),
    }
    assert all(found in rules.FOUND_BY and speaker in rules.FOUND_BY | rules.SPEAKER_BY
               for found, speaker in rule_ids().values())


def test_a_rule_switched_off_is_passed_over_and_switched_on_again_after():
    with rules.switched_off("dash-tail", "complement-clause"):
        found = rule_ids()
    # The signature passed over, the quote takes the speaker of the paragraph before, the next rule in line.
    assert found["Bridges are the arte"] == ("quote-marks", "previous-paragraph")
    with rules.switched_off("dash-tail", "previous-paragraph"):
        assert rule_ids()["Bridges are the arte"] == ("quote-marks", None)
    assert "the closure had cost" not in found
    assert rule_ids() == rule_ids()  # back on
    assert rule_ids()["Bridges are the arte"] == ("quote-marks", "dash-tail")


def test_an_unknown_rule_cannot_be_switched_off():
    with pytest.raises(ValueError, match="no such rule: dash-trail"):
        with rules.switched_off("dash-trail"):
            pass
