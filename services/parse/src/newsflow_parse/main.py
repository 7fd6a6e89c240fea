"""Entry point of the parse service: `newsflow serve parse`."""

from __future__ import annotations

from newsflow_shared.runner import serve_stage
from newsflow_shared.settings import Settings

from newsflow_parse.pipeline import build_stage
from newsflow_parse.quote_nlp import load_nlp


async def serve(settings: Settings) -> None:
    load_nlp()  # load the model before joining the group, so the first batch does not stall it
    await serve_stage(build_stage(settings), settings)
