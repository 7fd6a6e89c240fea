"""Progress records: one small message per article and step, on the status topic (articles.status).

Each step that moves an article on writes one beside its own output, in the
same acknowledged publish: ingest when it accepts an article ("received"),
parse and enrich when they write its event ("parsed", "enriched"). The store
learns how far every article got from that one topic. Before, it read
articles.raw, .parsed and .enriched whole, two of them gzipped, only to look at
each message's key and headers: three more copies of every article for the
broker to serve and the store to decode, about a third of the store's CPU.

A record is the article id as key, an empty value, and two headers: the step
reached and its moment (that of the event written, so the status and the
event agree). Not a CloudEvent: it is newsflow's own bookkeeping, and nothing
outside newsflow needs to read it.
"""

from __future__ import annotations

from newsflow_shared.envelope import Message

STEP_HEADER = "nf_step"
AT_HEADER = "nf_at"

RECEIVED, PARSED, ENRICHED = "received", "parsed", "enriched"


def progress_record(topic: str, message: Message, step: str) -> Message:
    """The progress record of `message` (an article's event, just written): `step` reached, at its ce_time."""
    headers = [(STEP_HEADER, step.encode("utf-8"))]
    at = message.header("ce_time")
    if at is not None:
        headers.append((AT_HEADER, at.encode("utf-8")))
    return Message(topic=topic, key=message.key, value=b"", headers=tuple(headers))
