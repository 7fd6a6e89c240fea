"""The store's write rate with 1, 2 ... writers at once, each on a simulated machine (issue 17).

    python -m benchmarks.store_writers [--limit 400] [--writers 1,2] [--cpu-quota 0.3] [--batch-size 32] [--repeat 3]

K processes save one corpus into one fresh PostgreSQL database at the same time, each its share
(every K-th article), in batches through the store stage's own handler (handler.store_handler),
as K store replicas would with the enriched topic's partitions divided among them. Each process
runs in a cgroup held to --cpu-quota cores (tests/infra/cpu_quota.py), so K writers are K small
machines and the database is not starved of the real cores. The BBC articles share actors and
quotes across writers' shares, so the writers contend where store replicas would.

Reported per K: articles/s from the first writer's start to the last one's end (each starts once
all have loaded), the speed-up over one writer, and the share of batch time spent holding the
statements' turn (db.lock_statements), the one part writers take in turn: with 2 writers the
speed-up cannot pass 1 / that share. The articles come from the parse and enrich pipeline functions run here
(not timed), as in benchmarks.store_write.
"""

from __future__ import annotations

import argparse
import json
import pickle
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import structlog

from benchmarks.corpus import BBC_CORPUS
from benchmarks.store_write import enriched_or_skip, say
from tests.infra.cpu_quota import CpuQuotas


def write_share(articles_file: Path, database_url: str, writer: int, writers: int, batch_size: int) -> None:
    """The child: load, say "ready", wait for "go", then save every `writers`-th article from the `writer`-th.

    Prints what it measured as one JSON line: when it began and ended (time.monotonic, one clock for all
    processes), and per batch its wall time, its time holding the statements' turn, and the CPU of both.
    """
    from newsflow_store.crud import saving
    from newsflow_store.db import make_engine
    from newsflow_store.handler import store_handler

    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(30))
    articles = pickle.loads(articles_file.read_bytes())[writer::writers]
    engine = make_engine(database_url)
    save_batch = store_handler(engine)
    turn: dict[str, float] = {}
    take_turn, apply_parked = saving.lock_statements, saving.apply_parked

    def timed_turn(session) -> None:
        asked = time.perf_counter()
        take_turn(session)
        turn["wall"], turn["cpu"] = time.perf_counter(), time.process_time()
        turn["waited"] = turn["wall"] - asked

    def after_commit(session) -> None:  # the turn ends with the batch's commit, just before this
        turn["ended"], turn["ended_cpu"] = time.perf_counter(), time.process_time()
        apply_parked(session)

    saving.lock_statements, saving.apply_parked = timed_turn, after_commit
    print("ready", flush=True)
    sys.stdin.readline()
    batches = []
    began = time.monotonic()
    try:
        for start in range(0, len(articles), batch_size):
            wall, cpu = time.perf_counter(), time.process_time()
            save_batch(articles[start:start + batch_size])
            end_wall, end_cpu = time.perf_counter(), time.process_time()
            batches.append({"seconds": end_wall - wall, "turn_seconds": turn["ended"] - turn["wall"],
                            "waited_seconds": turn["waited"],
                            "cpu_seconds": end_cpu - cpu, "turn_cpu_seconds": turn["ended_cpu"] - turn["cpu"]})
    finally:
        engine.dispose()
    print(json.dumps({"began": began, "ended": time.monotonic(), "batches": batches}), flush=True)


def measure(articles_file: Path, database_url: str, writers: int, *, quotas: CpuQuotas | None, cores: float,
            batch_size: int) -> dict:
    """K writers, started together once each has loaded: the clock runs from the first start to the last end."""
    from newsflow_store.db import make_engine, migrate

    engine = make_engine(database_url)
    migrate(engine)
    engine.dispose()
    groups = [quotas.make(f"writer-{writers}-{i}", cores) for i in range(writers)] if quotas else []
    processes = [subprocess.Popen([sys.executable, "-m", "benchmarks.store_writers", "--child", str(articles_file),
                                   database_url, str(i), str(writers), str(batch_size)],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                                  preexec_fn=groups[i].enter if groups else None)
                 for i in range(writers)]
    for process in processes:
        if process.stdout.readline().strip() != "ready":
            raise RuntimeError("a writer failed to start")
    cpu_before = [g.cpu_seconds() or 0.0 for g in groups]
    for process in processes:
        process.stdin.write("go\n")
        process.stdin.flush()
    reports = [json.loads(process.communicate()[0].strip().splitlines()[-1]) for process in processes]
    if any(process.returncode for process in processes):
        raise RuntimeError(f"a writer failed: exit codes {[p.returncode for p in processes]}")
    seconds = max(r["ended"] for r in reports) - min(r["began"] for r in reports)
    stored = _count(database_url)
    batches = [batch for report in reports for batch in report["batches"]]
    busy = sum(b["seconds"] for b in batches)
    in_turn = sum(b["turn_seconds"] for b in batches) / busy
    result = {"writers": writers, "seconds": seconds, "articles": stored, "articles_per_second": stored / seconds,
              "share_of_batch_time_in_turn": in_turn,
              "share_of_batch_time_waiting_for_turn": sum(b["waited_seconds"] for b in batches) / busy,
              "batch_seconds": {"sum": busy, "cpu_sum": sum(b["cpu_seconds"] for b in batches)},
              "cpu_ms_per_article": ({f"writer-{i}": 1000 * ((g.cpu_seconds() or 0.0) - before) / max(stored, 1)
                                      for i, (g, before) in enumerate(zip(groups, cpu_before))} if groups else None)}
    for group in groups:
        group.remove()
    return result


def _count(database_url: str) -> int:
    from sqlalchemy import func, select
    from sqlmodel import Session

    from newsflow_store.db import make_engine
    from newsflow_store.models import ArticleRow

    engine = make_engine(database_url)
    try:
        with Session(engine) as session:
            return int(session.execute(select(func.count()).select_from(ArticleRow)).scalar_one())
    finally:
        engine.dispose()


def run(args: argparse.Namespace) -> dict | None:
    from tests.infra.postgres import PostgresServer, postgres_bin_dir

    if postgres_bin_dir() is None:
        say("skipped: no PostgreSQL server binaries under /usr/lib/postgresql")
        return None
    cache = getattr(args, "cache", None)
    if cache and cache.exists():
        articles = pickle.loads(cache.read_bytes())[: args.limit]
        say(f"{len(articles)} enriched articles from {cache}")
    else:
        articles = enriched_or_skip(args.corpus, args.limit)
        if articles is None:
            return None
        if cache:
            cache.write_bytes(pickle.dumps(articles))
    reason = CpuQuotas.available() if args.cpu_quota else None
    if reason:
        say(f"no CPU quotas here ({reason}): writers run unquoted")
    quotas = CpuQuotas() if args.cpu_quota and not reason else None
    results: dict = {"articles": len(articles), "batch_size": args.batch_size,
                     "cpu_quota": args.cpu_quota if quotas else None, "writers": {}}
    server = PostgresServer().start()
    try:
        with tempfile.TemporaryDirectory(prefix="newsflow-store-writers-") as workdir:
            articles_file = Path(workdir) / "articles.pickle"
            articles_file.write_bytes(pickle.dumps(articles))
            runs: dict[int, list[dict]] = {writers: [] for writers in args.writer_counts}
            for round_number in range(1, args.repeat + 1):  # the counts interleaved: drift hits them alike
                for writers in args.writer_counts:
                    say(f"round {round_number}/{args.repeat}: {writers} writer(s) ...")
                    runs[writers].append(measure(articles_file, server.create_database(), writers, quotas=quotas,
                                                 cores=args.cpu_quota or 0, batch_size=args.batch_size))
    finally:
        server.stop()
        if quotas:
            quotas.remove_all()
    for writers, measured in runs.items():
        median = sorted(measured, key=lambda run: run["articles_per_second"])[len(measured) // 2]
        results["writers"][str(writers)] = {**median, "runs_articles_per_second": [
            round(run["articles_per_second"], 1) for run in measured]}
    one = results["writers"].get("1", {}).get("articles_per_second")
    for row in results["writers"].values():
        row["speed_up"] = row["articles_per_second"] / one if one else None
    return results


def render(results: dict) -> str:
    quota = results["cpu_quota"]
    lines = [f"{results['articles']} articles, batches of {results['batch_size']}, "
             f"{'each writer on ' + str(quota) + ' cores' if quota else 'no quotas'}",
             "writers  art/s   speed-up  time in the statements' turn, waiting for it"]
    for writers, row in results["writers"].items():
        speed_up = "n/a" if row["speed_up"] is None else f"{row['speed_up']:.2f}x"
        lines.append(f"{writers:>7}  {row['articles_per_second']:>6.1f}  {speed_up:>8}  "
                     f"{100 * row['share_of_batch_time_in_turn']:>5.0f} %, "
                     f"{100 * row['share_of_batch_time_waiting_for_turn']:>3.0f} %   "
                     f"(runs: {row['runs_articles_per_second']})")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child"]:
        articles_file, database_url, writer, writers, batch_size = argv[1:6]
        write_share(Path(articles_file), database_url, int(writer), int(writers), int(batch_size))
        return 0
    parser = argparse.ArgumentParser(prog="python -m benchmarks.store_writers", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=400, help="the first N articles of the corpus")
    parser.add_argument("--corpus", type=Path, default=BBC_CORPUS)
    parser.add_argument("--writers", default="1,2", help="comma-separated writer counts")
    parser.add_argument("--cpu-quota", type=float, default=0.3, help="cores per writer (0: no quota)")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--repeat", type=int, default=3, help="runs per writer count; the median run is reported")
    parser.add_argument("--cache", type=Path, help="keep the enriched articles in this file between runs "
                        "(outside the repository: they hold the corpus' text)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    args.writer_counts = [int(n) for n in args.writers.split(",") if n.strip()]
    results = run(args)
    if results is not None:
        print(json.dumps(results, indent=2) if args.json else render(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
