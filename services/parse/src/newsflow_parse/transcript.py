"""Transcripts quoted in an article: `“WALLACE: If I may, sir …”` names its speaker in a label.

Interviews and debates are reprinted turn by turn, each turn opened by the
speaker's name in capitals and a colon. The label is the attribution; the turn
after it is the quote. Words that open notes rather than turns ("UPDATE:",
"EDITOR'S NOTE:", "Q:") are not speakers.
"""

from __future__ import annotations

import re

from newsflow_shared.wordlists import words

from newsflow_parse.attribution_speakers import Attribution

_LABEL = re.compile(r"[ \t]*((?:[A-Z][A-Z.'’-]+)(?: [A-Z][A-Z.'’-]+){0,2}):[ \t]+(?=\S)")
NOT_SPEAKERS = words("transcript.not_speakers")


def transcript_turn(body: str, start: int, end: int) -> tuple[int, Attribution] | None:
    """(where the turn's words start, the label's attribution) if body[start:end] opens with a speaker label."""
    match = _LABEL.match(body, start, end)
    if match is None or any(word in NOT_SPEAKERS for word in match.group(1).split()):
        return None
    colon = match.end(1)
    return match.end(), Attribution(cue=":", cue_start=colon, speaker_start=match.start(1), speaker_end=colon)
