"""Dead letters: a message that could not be processed, kept whole with its error.

The value is the original payload untouched; headers keep the original ones
and add why and where it failed, so it can be inspected or replayed.
"""

from __future__ import annotations

import traceback

from newsflow_shared.envelope import Message

MAX_ERROR_CHARS = 2000


def dead_letter(original: Message, error: BaseException, *, stage: str, dlq_topic: str) -> Message:
    detail = "".join(traceback.format_exception_only(type(error), error)).strip()[:MAX_ERROR_CHARS]
    headers = tuple(original.headers) + (
        ("nf_error", detail.encode("utf-8")),
        ("nf_error_type", type(error).__name__.encode("utf-8")),
        ("nf_stage", stage.encode("utf-8")),
        ("nf_original_topic", original.topic.encode("utf-8")),
        ("nf_original_partition", str(original.partition).encode("utf-8")),
        ("nf_original_offset", str(original.offset).encode("utf-8")),
    )
    return Message(topic=dlq_topic, key=original.key, value=original.value, headers=headers)
