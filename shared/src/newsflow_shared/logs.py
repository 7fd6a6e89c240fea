"""Structured logs: JSON lines in containers, readable lines on a terminal; one stream for all.

newsflow's own logs go through structlog straight to stderr (its fast path: no
standard-library logging in between). Everything that logs through the standard
library (aiokafka, uvicorn and its access log, SQLAlchemy, warnings) is rendered
by the same processors into the same stream, so with NEWSFLOW_LOG_JSON=true a
log collector reads one JSON object per line whoever wrote it.
"""

from __future__ import annotations

import logging
import sys

import structlog
from structlog.typing import Processor


def configure_logging(level: str = "INFO", json: bool = False) -> None:
    numeric_level = logging.getLevelName(level.upper())
    renderer: Processor = (structlog.processors.JSONRenderer() if json
                           else structlog.dev.ConsoleRenderer(colors=False))
    shared: list[Processor] = [
        structlog.contextvars.merge_contextvars,
        structlog.processors.add_log_level,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
    ]
    structlog.configure(
        processors=[*shared, renderer],
        wrapper_class=structlog.make_filtering_bound_logger(numeric_level),
        logger_factory=structlog.PrintLoggerFactory(file=sys.stderr),
        cache_logger_on_first_use=True,
    )
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=[*shared, structlog.stdlib.add_logger_name, structlog.stdlib.ExtraAdder()],
        processors=[structlog.stdlib.ProcessorFormatter.remove_processors_meta, renderer],
    ))
    root = logging.getLogger()
    root.handlers = [handler]
    root.setLevel(numeric_level)
    # warnings.warn (SQLAlchemy's among them) as log records of the "py.warnings" logger
    logging.captureWarnings(True)

