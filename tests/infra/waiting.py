"""Waiting in a test for a condition that other processes bring about."""

from __future__ import annotations

import time

import httpx
from typing import Callable


def wait_for(condition: Callable[[], bool], what: str, timeout_s: float = 120, poll_s: float = 0.2) -> None:
    """Return once `condition()` holds; fail naming `what` if it has not within `timeout_s`."""
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(poll_s)


def http_status(url: str) -> int:
    """The status a GET of `url` answers; 0 when nothing answers."""
    try:
        return httpx.get(url, timeout=2).status_code
    except httpx.HTTPError:
        return 0
