"""`newsflow post`: send article files to a running ingest, with a progress bar."""

from __future__ import annotations

import asyncio
from collections import Counter
from pathlib import Path

import httpx
from rich.progress import Progress

from newsflow.files import article_paths, read_articles


async def post_paths(paths: list[Path], url: str, *, concurrency: int = 8, progress: bool = True,
                     token: str | None = None) -> Counter:
    """Post every article; returns counts of accepted, duplicate and failed (with reasons printed)."""
    articles, outcome = [], Counter()
    for path in article_paths(paths):
        try:
            articles.extend(read_articles(path))
        except ValueError as exc:
            outcome["failed"] += 1
            print(f"skipped {exc}")
    limit = asyncio.Semaphore(concurrency)
    endpoint = url.rstrip("/") + "/articles"

    headers = {"Authorization": f"Bearer {token}"} if token else {}
    async with httpx.AsyncClient(timeout=60, headers=headers) as client:
        with Progress(disable=not progress) as bar:
            task = bar.add_task("posting", total=len(articles))

            async def post_one(article) -> None:
                async with limit:
                    try:
                        response = await client.post(endpoint, json=article.fields)
                        if response.status_code in (200, 202):
                            outcome[response.json()["status"]] += 1
                        else:
                            outcome["failed"] += 1
                            bar.console.print(f"{article.origin}: {response.status_code} {response.json().get('detail')}")
                    except httpx.HTTPError as exc:
                        outcome["failed"] += 1
                        bar.console.print(f"{article.origin}: {exc!r}")
                    bar.advance(task)

            await asyncio.gather(*(post_one(a) for a in articles))
    return outcome
