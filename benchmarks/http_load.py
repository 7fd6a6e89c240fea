"""A load generator for the ingest-alone measurement when wrk is not installed.

Run in its own process (`python -m benchmarks.http_load URL BODIES ...`) so it
never shares an interpreter with ingest. Closed loop: `connections` workers,
each posting its next article as soon as the last one is answered, until
`seconds` have passed or `max_requests` were sent. Prints one JSON line in the
same shape as wrk_post_articles.lua. Python clients are slow: on a small
machine this client, not ingest, may be the limit; wrk is preferred.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from pathlib import Path

import httpx

from benchmarks.stats import percentile

RECORD_SEPARATOR = "\x1e"


async def generate(url: str, bodies: list[str], *, connections: int, seconds: float, max_requests: int, run: str) -> dict:
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    errors = 0
    counter = iter(range(max_requests))
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    started = time.monotonic()
    deadline = started + seconds
    async with httpx.AsyncClient(base_url=url, timeout=30, limits=limits) as client:

        async def worker() -> None:
            nonlocal errors
            for number in counter:
                if time.monotonic() >= deadline:
                    return
                body = f"{bodies[number % len(bodies)]}\n\nBenchmark run {run}, request {number}."
                sent = time.monotonic()
                try:
                    response = await client.post("/articles", content=body.encode(),
                                                 headers={"content-type": "text/plain; charset=utf-8"})
                    statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
                    latencies.append(time.monotonic() - sent)
                except httpx.HTTPError:
                    errors += 1

        await asyncio.gather(*(worker() for _ in range(connections)))
    duration = time.monotonic() - started
    micros = [latency * 1e6 for latency in latencies] or [0.0]
    return {
        "requests": sum(statuses.values()) + errors,
        "accepted": statuses.get(202, 0),
        "other_status": sum(n for status, n in statuses.items() if status != 202),
        "duration_us": int(duration * 1e6),
        "errors": {"connect": 0, "read": errors, "write": 0, "status": 0, "timeout": 0},
        "latency_us": {**{f"p{q}": percentile(micros, q) for q in (50, 90, 95, 99)},
                       "max": max(micros), "mean": sum(micros) / len(micros)},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("url")
    parser.add_argument("bodies", type=Path, help="articles separated by the ASCII record separator (byte 30)")
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--max-requests", type=int, default=40_000)
    parser.add_argument("--run", default="run")
    args = parser.parse_args(argv)
    bodies = [b for b in args.bodies.read_text(encoding="utf-8").split(RECORD_SEPARATOR) if b]
    result = asyncio.run(generate(args.url, bodies, connections=args.connections, seconds=args.seconds,
                                  max_requests=args.max_requests, run=args.run))
    json.dump(result, sys.stdout)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
