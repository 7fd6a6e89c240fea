"""Enrich throughput on BBC News: enrich_articles against bare spaCy NER, in one process, on one core.

    python -m benchmarks.enrich_throughput [--limit 300] [--repeats 2]

Bodies and quotes come from the parse stage, run before any clock starts, so
that speaker resolution sees the quotes it would see in the pipeline. Then,
alternately, `repeats` times each:
  bare NER  nlp.pipe over the bodies with the model enrich loads (same components,
            same batch size): the floor enrich cannot go below;
  enrich    enrich_articles over the parsed articles: NER plus every rule.
Rates are articles per CPU-second of this process (articles/s per core) and
per wall-second; the best of the repeats counts, since other processes on a
shared machine only ever slow a run down. Prints a table, or JSON with --json.
The corpus stays outside the repository (../shared/corpora/bbc); without it the
benchmark says so and exits 0.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from itertools import chain, zip_longest
from pathlib import Path

BBC_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "bbc"


def bbc_texts(root: Path, limit: int) -> list[str]:
    """The first `limit` articles, topics interleaved so that any prefix mixes them."""
    per_topic = [sorted(topic.glob("*.txt")) for topic in sorted(p for p in root.iterdir() if p.is_dir())]
    paths = [p for p in chain.from_iterable(zip_longest(*per_topic)) if p is not None][:limit]
    texts = []
    for path in paths:
        data = path.read_bytes()
        try:
            texts.append(data.decode("utf-8"))
        except UnicodeDecodeError:
            texts.append(data.decode("cp1252"))  # one file of the corpus is Windows-1252
    return texts


def parsed_articles(texts: list[str]) -> list:
    from newsflow_ingest.intake import raw_article, submission_from_fields
    from newsflow_parse.pipeline import parse_articles

    raws = [raw_article(submission_from_fields({"text": text})) for text in texts]
    return parse_articles(raws)


def clocked(run) -> tuple[float, float]:
    """(CPU seconds of this process, wall seconds) that run() takes."""
    cpu, wall = time.process_time(), time.perf_counter()
    run()
    return time.process_time() - cpu, time.perf_counter() - wall


def measure(limit: int, repeats: int) -> dict:
    from newsflow_enrich.chunking import pipe_long_texts
    from newsflow_enrich.nlp import PIPE_BATCH_SIZE, load_nlp
    from newsflow_enrich.pipeline import enrich_articles

    articles = parsed_articles(bbc_texts(BBC_CORPUS, limit))
    bodies = [article.body for article in articles]
    nlp = load_nlp()
    list(nlp.pipe(bodies[:16]))  # warm up: first-call allocations are not throughput
    runs = {
        "bare NER (nlp.pipe)": lambda: sum(1 for _ in pipe_long_texts(nlp, bodies, batch_size=PIPE_BATCH_SIZE)),
        "enrich_articles": lambda: enrich_articles(articles),
    }
    best: dict[str, dict] = {}
    for _ in range(repeats):
        for name, run in runs.items():
            cpu, wall = clocked(run)
            rates = {"per_cpu_second": len(articles) / cpu, "per_wall_second": len(articles) / wall}
            if name not in best or rates["per_cpu_second"] > best[name]["per_cpu_second"]:
                best[name] = rates
    ner, enrich = best["bare NER (nlp.pipe)"]["per_cpu_second"], best["enrich_articles"]["per_cpu_second"]
    return {
        "articles": len(articles),
        "quotes": sum(len(article.quotes) for article in articles),
        "pipelines": nlp.pipe_names,
        "rates": {name: {k: round(v, 1) for k, v in rates.items()} for name, rates in best.items()},
        "enrich_share_of_ner_rate": round(enrich / ner, 3),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=300)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if not BBC_CORPUS.is_dir():
        print(f"skipped: the BBC corpus is not at {BBC_CORPUS}")
        return 0
    result = measure(args.limit, args.repeats)
    if args.json:
        print(json.dumps(result, indent=1))
        return 0
    print(f"{result['articles']} BBC articles, {result['quotes']} quotes; spaCy components: {', '.join(result['pipelines'])}")
    print(f"{'':24}{'articles/s per core':>22}{'articles/s (wall)':>20}")
    for name, rates in result["rates"].items():
        print(f"{name:24}{rates['per_cpu_second']:>22}{rates['per_wall_second']:>20}")
    print(f"enrich runs at {result['enrich_share_of_ner_rate']:.0%} of bare NER's rate")
    return 0


if __name__ == "__main__":
    sys.exit(main())
