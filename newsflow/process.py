"""`newsflow process`: files in, enriched-article JSON lines out, no bus and no database.

The same pure functions the services run, called directly in batches so that
spaCy's nlp.pipe sees many articles at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Callable, Iterable, Iterator, TextIO

from newsflow.files import article_paths, read_articles

BATCH_SIZE = 32


@dataclass
class ProcessReport:
    written: int = 0
    failures: list[str] = field(default_factory=list)


def _submissions(paths: list[Path], report: ProcessReport) -> Iterator[tuple[str, object]]:
    from newsflow_ingest.intake import IntakeError, submission_from_fields

    for path in article_paths(paths):
        try:
            for article in read_articles(path):
                try:
                    yield article.origin, submission_from_fields(article.fields)
                except IntakeError as exc:
                    report.failures.append(f"{article.origin}: {exc.detail}")
        except (OSError, ValueError) as exc:
            report.failures.append(str(exc))


def _batches(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def process_paths(paths: list[Path], out: TextIO, on_article: Callable[[], None] = lambda: None) -> ProcessReport:
    """Write one enriched article per line to `out`; failures are collected, never raised."""
    from newsflow_enrich.pipeline import enrich_articles
    from newsflow_ingest.intake import raw_article
    from newsflow_parse.pipeline import parse_articles

    report = ProcessReport()
    for batch in _batches(_submissions(paths, report), BATCH_SIZE):
        origins = [origin for origin, _ in batch]
        raws = [raw_article(submission) for _, submission in batch]
        try:
            enriched = enrich_articles(parse_articles(raws))
        except Exception:  # noqa: BLE001 - find the article that fails, keep the rest
            enriched = []
            for origin, raw in zip(origins, raws):
                try:
                    enriched += enrich_articles(parse_articles([raw]))
                except Exception as exc:  # noqa: BLE001
                    report.failures.append(f"{origin}: {type(exc).__name__}: {exc}")
        for article in enriched:
            out.write(article.model_dump_json() + "\n")
            report.written += 1
            on_article()
    return report
