"""The store's write path alone: enriched BBC articles saved in batches, on PostgreSQL and on SQLite.

    python -m benchmarks.store_write [--limit 500] [--enriched FILE] [--batch-size 32] [--json]

Saves through the function the store stage's worker calls for each batch
(handler.store_handler: one write_session, save_articles, commit), with no
Kafka in front, so that the figures are the store's and the database's own.
The enriched articles come from `newsflow process` output (--enriched, one JSON
line per article) or, without it, from the parse and enrich pipeline functions
run here on the first --limit articles of the BBC corpus (../shared/corpora/bbc),
before any clock starts. Without the corpus (and no --enriched) it says so and
exits 0; without PostgreSQL server binaries it measures SQLite only.

Each database is fresh and migrated before the clock starts, then four passes
run on it, one after the other, each timed on its own:
  insert       every article new (few quotes in BBC News repeat another's);
  republished  every article again under another id and outlet: each quote
               now joins the statement of its first report (grouping hits);
  redelivered  the first articles again, same versions: nothing changes;
  replaced     the first articles from a newer parse version: their quotes
               leave their statements and are grouped again.
Per pass: articles/s (wall), store CPU ms/article (this process: SQLAlchemy,
the driver, the grouping, and SQLite itself), PostgreSQL CPU ms/article (the
server's whole process tree: backend, WAL writer, checkpointer...). CPU time
is what to compare between runs on a noisy machine; the wall rate moves with
the machine's other load.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

import structlog

from benchmarks.corpus import BBC_CORPUS, CorpusMissing, load_corpus
from tests.infra.procinfo import tree_cpu_seconds
from newsflow_shared.events import EnrichedArticle, PipelineVersions

PIPELINE_BATCH = 32
PASSES = ("insert", "republished", "redelivered", "replaced")


def say(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def read_enriched(path: Path, limit: int | None) -> list[EnrichedArticle]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [EnrichedArticle.model_validate_json(line) for line in lines[:limit]]


def enrich_corpus(corpus: Path, limit: int) -> list[EnrichedArticle]:
    """The corpus through parse and enrich, as `newsflow process` runs them (batches of 32)."""
    from newsflow_enrich.pipeline import enrich_articles
    from newsflow_ingest.intake import raw_article, submission_from_fields
    from newsflow_parse.pipeline import parse_articles

    raws = [raw_article(submission_from_fields({"text": a.text})) for a in load_corpus(corpus, limit=limit)]
    enriched: list[EnrichedArticle] = []
    for start in range(0, len(raws), PIPELINE_BATCH):
        enriched += enrich_articles(parse_articles(raws[start:start + PIPELINE_BATCH]))
    return enriched


def enriched_or_skip(corpus: Path, limit: int) -> list[EnrichedArticle] | None:
    """enrich_corpus, saying so; None (said why) without the corpus."""
    try:
        say(f"parsing and enriching the first {limit} BBC articles (not timed) ...")
        return enrich_corpus(corpus, limit)
    except CorpusMissing as exc:
        say(f"skipped: {exc}")
        return None


def republished(article: EnrichedArticle) -> EnrichedArticle:
    """The same story from another outlet: same quotes and speakers, another id."""
    copy = article.model_copy(deep=True)
    copy.article_id = f"{article.article_id}-again"
    copy.metadata.site_name, copy.metadata.agency, copy.metadata.source = "Other Outlet", None, None
    return copy


def reprocessed(article: EnrichedArticle) -> EnrichedArticle:
    copy = article.model_copy(deep=True)
    copy.pipeline = PipelineVersions(parse=f"{article.pipeline.parse}.1", enrich=article.pipeline.enrich)
    return copy


def passes(articles: list[EnrichedArticle]) -> dict[str, list[EnrichedArticle]]:
    return {
        "insert": articles,
        "republished": [republished(a) for a in articles],
        "redelivered": articles,
        "replaced": [reprocessed(a) for a in articles],
    }


def own_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def measure_database(database_url: str, articles: list[EnrichedArticle], *, batch_size: int,
                     server_pid: int | None) -> dict:
    from newsflow_store.db import make_engine, migrate
    from newsflow_store.handler import store_handler

    engine = make_engine(database_url)
    migrate(engine)
    save_batch = store_handler(engine)
    results = {}
    try:
        for name, batch_articles in passes(articles).items():
            batches = [batch_articles[i:i + batch_size] for i in range(0, len(batch_articles), batch_size)]
            server_before = tree_cpu_seconds(server_pid) if server_pid else 0.0
            cpu_before, wall_before = own_cpu_seconds(), time.perf_counter()
            for batch in batches:
                save_batch(batch)
            wall, cpu = time.perf_counter() - wall_before, own_cpu_seconds() - cpu_before
            server = (tree_cpu_seconds(server_pid) - server_before) if server_pid else None
            n = len(batch_articles)
            results[name] = {
                "articles": n,
                "quotes": sum(len(a.quotes) for a in batch_articles),
                "seconds": wall,
                "articles_per_second": n / wall,
                "store_cpu_ms_per_article": 1000 * cpu / n,
                "server_cpu_ms_per_article": None if server is None else 1000 * server / n,
            }
    finally:
        engine.dispose()
    return results


def run(args: argparse.Namespace) -> dict | None:
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(30))  # no "batch stored" per batch
    articles = read_enriched(args.enriched, args.limit) if args.enriched else enriched_or_skip(args.corpus, args.limit)
    if articles is None:
        return None
    results: dict = {"articles": len(articles), "quotes": sum(len(a.quotes) for a in articles),
                     "batch_size": args.batch_size, "databases": {}}
    with ExitStack() as stack:
        workdir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="newsflow-store-bench-")))
        if "postgres" in args.databases:
            from tests.infra.postgres import PostgresServer, postgres_bin_dir

            if postgres_bin_dir() is None:
                say("PostgreSQL skipped: no server binaries under /usr/lib/postgresql")
            else:
                server = PostgresServer().start()
                stack.callback(server.stop)
                say("PostgreSQL ...")
                results["databases"]["postgresql"] = measure_database(
                    server.create_database(), articles, batch_size=args.batch_size, server_pid=server.process.pid)
        if "sqlite" in args.databases:
            say("SQLite ...")
            results["databases"]["sqlite"] = measure_database(
                f"sqlite:///{workdir / 'store.db'}", articles, batch_size=args.batch_size, server_pid=None)
    return results


def render(results: dict) -> str:
    lines = [f"{results['articles']} articles, {results['quotes']} quotes, batches of {results['batch_size']}",
             f"{'database':<11} {'pass':<12} {'art/s':>8} {'store CPU ms/art':>17} {'server CPU ms/art':>18}"]
    for database, by_pass in results["databases"].items():
        for name, r in by_pass.items():
            server = r["server_cpu_ms_per_article"]
            lines.append(f"{database:<11} {name:<12} {r['articles_per_second']:>8.1f} "
                         f"{r['store_cpu_ms_per_article']:>17.2f} {'-' if server is None else f'{server:.2f}':>18}")
    return "\n".join(lines)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.store_write", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=500, help="the first N articles")
    parser.add_argument("--enriched", type=Path, help="`newsflow process` output to read instead of enriching here")
    parser.add_argument("--corpus", type=Path, default=BBC_CORPUS)
    parser.add_argument("--batch-size", type=int, default=32, help="articles per save (the stage's batch_size)")
    parser.add_argument("--databases", default="postgres,sqlite", help="comma-separated: postgres, sqlite")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)
    args.databases = {d.strip() for d in args.databases.split(",")}
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    results = run(args)
    if results is not None:
        print(json.dumps(results, indent=2) if args.json else render(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
