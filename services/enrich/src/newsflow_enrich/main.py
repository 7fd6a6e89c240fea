"""Entry point of the enrich service: `newsflow serve enrich`."""

from __future__ import annotations

from newsflow_shared.runner import serve_stage
from newsflow_shared.settings import Settings

from newsflow_enrich.pipeline import build_stage


async def serve(settings: Settings) -> None:
    await serve_stage(build_stage(settings), settings)
