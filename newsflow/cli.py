"""The `newsflow` command: one entry point for every way of running the pipeline."""

from __future__ import annotations

import asyncio
import sys
from datetime import datetime, timezone
from enum import Enum
from importlib import import_module
from pathlib import Path
from typing import Annotated, Optional

import typer

from newsflow_shared.logs import configure_logging
from newsflow_shared.runner import run_main
from newsflow_shared.tracing import configure_tracing
from newsflow_shared.settings import Settings

app = typer.Typer(help="newsflow: who said what, about whom, where it was published.", no_args_is_help=True)

SAMPLES = Path(__file__).parent / "samples"


class Service(str, Enum):
    ingest = "ingest"
    parse = "parse"
    enrich = "enrich"
    store = "store"


def _settings(**overrides) -> Settings:
    settings = Settings(**{k: v for k, v in overrides.items() if v is not None})
    configure_logging(settings.log_level, settings.log_json)
    return settings


@app.command()
def up(
    port: Annotated[int, typer.Option(help="HTTP port for ingest and the store API")] = 8000,
    host: Annotated[str, typer.Option(help="Interface to listen on")] = "127.0.0.1",
    db: Annotated[Optional[Path], typer.Option(help="SQLite file (default: DATABASE_URL or ./newsflow.db)")] = None,
    samples: Annotated[bool, typer.Option(help="Post the bundled sample articles once it is up")] = False,
) -> None:
    """Run all four stages in one process (in-process bus, SQLite), serving HTTP on one port.

    Without API tokens (NEWSFLOW_API_TOKENS) it serves this machine only: a host beyond
    loopback is refused, since anyone who reached it could post and read everything.
    """
    from newsflow.embedded import run_embedded
    from newsflow_shared.auth import ApiTokens, BadTokenSetting
    from newsflow_shared.runner import LOOPBACK_HOSTS

    settings = _settings(http_port=port, http_host=host, store_public_url=f"http://{host}:{port}",
                         database_url=f"sqlite:///{db}" if db else None)
    try:
        tokens = ApiTokens.from_settings(settings)
    except (BadTokenSetting, OSError) as exc:
        typer.echo(f"API tokens: {exc}", err=True)
        raise typer.Exit(2) from None
    if tokens is None and host not in LOOPBACK_HOSTS:
        typer.echo(f"refusing to listen on {host} without API tokens: set NEWSFLOW_API_TOKENS "
                   "(e.g. write=…,read=…) or listen on 127.0.0.1", err=True)
        raise typer.Exit(2)
    typer.echo("auth is off: no API tokens set, so only this machine is served (127.0.0.1)" if tokens is None
               else f"auth is on: {len(tokens.tokens)} API token(s)", err=True)
    write_token = next((token.decode() for scope, token in tokens.tokens if scope == "write"), None) if tokens else None
    base = f"http://{host}:{port}"

    async def announce() -> None:
        typer.echo(f"newsflow is up: open {base}/ in a browser; POST articles to {base}/articles, read them "
                   f"at {base}/articles (API docs: {base}/docs). Ctrl-C stops it.", err=True)
        if samples:
            from newsflow.post import post_paths

            outcome = await post_paths([SAMPLES], base, progress=False, token=write_token)
            typer.echo(f"posted the bundled samples: {dict(outcome)}; in a few seconds see "
                       f"{base}/articles and {base}/quotes", err=True)

    run_main(run_embedded(settings, announce))


@app.command()
def process(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (.txt, .html, .json, .jsonl)", exists=True)],
) -> None:
    """Parse and enrich files directly, printing one enriched-article JSON line per article."""
    from rich.progress import Progress

    from newsflow.process import process_paths

    configure_logging("WARNING")
    with Progress(console=None, transient=True, disable=not sys.stderr.isatty()) as bar:
        task = bar.add_task("processing", total=None)
        report = process_paths(paths, sys.stdout, on_article=lambda: bar.advance(task))
    for failure in report.failures:
        typer.echo(f"failed: {failure}", err=True)
    typer.echo(f"{report.written} articles written, {len(report.failures)} failed", err=True)
    if report.failures:
        raise typer.Exit(1)


@app.command()
def serve(service: Annotated[Service, typer.Argument(help="Which service this process runs")]) -> None:
    """Run one service against Kafka (what each container runs); settings come from NEWSFLOW_* variables."""
    settings = _settings()
    try:
        module = import_module(f"newsflow_{service.value}.main")
    except ModuleNotFoundError as exc:
        typer.echo(f"the {service.value} service is not installed here ({exc.name} missing): "
                   f"pip install ./services/{service.value}", err=True)
        raise typer.Exit(2) from None
    # On only when OTEL_TRACES_EXPORTER names an exporter; the provider exports its last spans at exit.
    configure_tracing(service.value)
    run_main(module.serve(settings))


@app.command()
def post(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders of articles", exists=True)],
    url: Annotated[str, typer.Option(help="Base URL of a running ingest")] = "http://127.0.0.1:8000",
    token: Annotated[Optional[str], typer.Option(envvar="NEWSFLOW_TOKEN",
                                                 help="A write token, where ingest requires one")] = None,
) -> None:
    """Post article files to a running ingest, with a progress bar."""
    from newsflow.post import post_paths

    outcome = asyncio.run(post_paths(paths, url, token=token))
    typer.echo(", ".join(f"{n} {status}" for status, n in sorted(outcome.items())) or "nothing to post")
    if outcome["failed"]:
        raise typer.Exit(1)


@app.command()
def topics(partitions: Annotated[Optional[int], typer.Option(help="Partitions per topic (default NEWSFLOW_TOPIC_PARTITIONS, 6)")] = None) -> None:
    """Create the pipeline's Kafka topics if they do not exist."""
    from newsflow_shared.kafka_admin import ensure_pipeline_topics, pipeline_topics

    # Asked for by name, so made even where the services are told to wait for them (NEWSFLOW_CREATE_TOPICS=false).
    settings = _settings(topic_partitions=partitions, create_topics=True)
    asyncio.run(ensure_pipeline_topics(settings))
    typer.echo(f"topics ready on {settings.kafka_bootstrap_servers}: {', '.join(pipeline_topics(settings))}")


@app.command()
def reprocess(
    stage: Annotated[str, typer.Argument(help="parse (replays articles.raw) or enrich (replays articles.parsed)")],
    group: Annotated[Optional[str], typer.Option(help="Consumer group (default: <stage>-<its version>)")] = None,
) -> None:
    """Replay a topic through the installed version of a stage, without re-posting anything.

    A fresh consumer group reads the stage's input topic from the beginning; the
    new output flows on downstream and store keeps each article's newest version.
    Stops once it has handled everything the topic held when it started.
    """
    from newsflow_shared.replay import replay_stage

    versions = {"parse": ("newsflow_parse", "PARSE_VERSION"), "enrich": ("newsflow_enrich", "ENRICH_VERSION")}
    if stage not in versions:
        typer.echo(f"cannot reprocess {stage!r}: choose parse or enrich", err=True)
        raise typer.Exit(2)
    package, version_name = versions[stage]
    settings = _settings()
    version = getattr(import_module(f"{package}.version"), version_name)
    build_stage = import_module(f"{package}.pipeline").build_stage
    processed = asyncio.run(replay_stage(build_stage(settings), settings, group=group or f"{stage}-{version}"))
    typer.echo(f"reprocessed {processed} messages through {stage} {version}")


def _moment(value: str | None, option: str) -> datetime | None:
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        typer.echo(f"{option}: {value!r} is not an ISO 8601 date or date-time", err=True)
        raise typer.Exit(2) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


@app.command()
def migrate() -> None:
    """Bring the store's database schema to the newest migration (run with the owner's rights).

    In production the store runs with data rights only (NEWSFLOW_MIGRATE_ON_START=false) and
    waits for this to have run, as a Job before each upgrade.
    """
    from newsflow_store.db import make_engine
    from newsflow_store.db import migrate as migrate_schema

    settings = _settings()
    engine = make_engine(settings.database_url)
    try:
        migrate_schema(engine)
    finally:
        engine.dispose()
    typer.echo("the database schema is at the newest migration", err=True)


@app.command()
def redrive(
    stage: Annotated[Optional[list[str]], typer.Option(help="Only dead letters of this stage (repeatable)")] = None,
    error_type: Annotated[Optional[list[str]], typer.Option(help="Only this error type, e.g. TooCostly (repeatable)")] = None,
    article_id: Annotated[Optional[list[str]], typer.Option(help="Only this article (repeatable)")] = None,
    since: Annotated[Optional[str], typer.Option(help="Only dead-lettered at or after this ISO 8601 moment (UTC if no zone)")] = None,
    until: Annotated[Optional[str], typer.Option(help="Only dead-lettered before this ISO 8601 moment")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="List what would be sent, send nothing")] = False,
) -> None:
    """Send dead letters back to the topic they came from, to be processed again.

    Reads the whole dead-letter topic (NEWSFLOW_TOPIC_DLQ), selects by the
    options, and publishes each selected record's original payload to its
    original topic (one per article and topic: the latest). Safe to run twice:
    the stages and the store are idempotent per article.
    """
    from newsflow_shared.kafka_connection import KafkaConnection
    from newsflow_shared.redrive import RedriveFilter, plan_redrive, read_dead_letters, send_back

    settings = _settings()
    selection = RedriveFilter(stages=frozenset(stage or ()), error_types=frozenset(error_type or ()),
                              article_ids=frozenset(article_id or ()), since=_moment(since, "--since"),
                              until=_moment(until, "--until"))
    kafka = KafkaConnection.from_settings(settings)
    dead = asyncio.run(read_dead_letters(kafka, settings.topic_dlq))
    chosen = plan_redrive(dead, selection)
    for letter in chosen:
        typer.echo(f"{letter.article_id}\t{letter.stage}\t{letter.error_type}\t{letter.dead_at.isoformat()}"
                   f"\t{letter.where} -> {letter.original_topic}")
    if dry_run:
        typer.echo(f"dry run: would send {len(chosen)} of {len(dead)} dead letters back", err=True)
        return
    asyncio.run(send_back(kafka, chosen,
                          request_timeout_ms=settings.kafka_request_timeout_ms))
    typer.echo(f"sent {len(chosen)} of {len(dead)} dead letters back to their topics", err=True)


@app.command()
def schemas(
    folder: Annotated[Path, typer.Option(help="Where the published schemas live")] = Path("docs/schemas"),
) -> None:
    """Write the topics' JSON Schemas from the event models (refuses to rewrite a published version)."""
    from newsflow_shared.contract import UnversionedChange, write_schemas

    try:
        for path in write_schemas(folder):
            typer.echo(path)
    except UnversionedChange as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(1) from None


@app.command(add_help_option=False, context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
def bench(ctx: typer.Context) -> None:
    """Benchmark the pipeline against bare spaCy on the BBC corpus (options: newsflow bench --help)."""
    try:
        from benchmarks.pipeline_bench import main
    except ModuleNotFoundError:
        typer.echo("the benchmark is part of a source checkout (benchmarks/): run it from the repository", err=True)
        raise typer.Exit(2) from None
    raise typer.Exit(main(ctx.args))


if __name__ == "__main__":
    app()
