"""The benchmark's readers: the corpus loader, the services' log tail, the profile summary (fast)."""

import json

import pytest

from benchmarks.corpus import CorpusMissing, load_corpus
from benchmarks.pipeline_bench import combined_limit
from benchmarks.profiling import package_of, summarize
from tests.infra.service_logs import LogTail


def test_corpus_interleaves_topics_drops_repeats_and_reads_windows_1252(tmp_path):
    (tmp_path / "README.TXT").write_text("not an article")
    for topic in ("arts", "sport"):
        (tmp_path / topic).mkdir()
    (tmp_path / "arts" / "001.txt").write_text("Gallery opens\n\nA new gallery opened on Monday.")
    (tmp_path / "arts" / "002.txt").write_text("Gallery  opens\n\nA new gallery opened on Monday.")  # same id
    (tmp_path / "sport" / "001.txt").write_bytes("Club pays \u00a35m\n\nThe club paid a fee.".encode("cp1252"))
    (tmp_path / "sport" / "002.txt").write_text("Rowers win\n\nThe crew won by a length.")

    articles = load_corpus(tmp_path)
    assert [a.name for a in articles] == ["arts/001.txt", "sport/001.txt", "sport/002.txt"]
    assert "\u00a35m" in articles[1].text
    assert [a.name for a in load_corpus(tmp_path, limit=2)] == ["arts/001.txt", "sport/001.txt"]


def test_a_missing_corpus_says_where_it_looked(tmp_path):
    with pytest.raises(CorpusMissing, match=str(tmp_path / "nowhere")):
        load_corpus(tmp_path / "nowhere")


def test_log_tail_reads_only_complete_new_lines(tmp_path):
    log = tmp_path / "store-0.log"
    record = lambda **kw: json.dumps({"level": "info", **kw}) + "\n"  # noqa: E731
    log.write_text(
        "plain text from a library\n"
        + record(event="partitions assigned", partitions=["t[0]", "t[1]"], timestamp="2026-01-01T00:00:00Z")
        + record(event="article processed", article_id="a1", timestamp="2026-01-01T00:00:01.500000Z")
        + '{"event": "article processed", "article_id": "a2"'  # still being written
    )
    tail = LogTail(log)
    tail.read_new()
    assert tail.assignment == ["t[0]", "t[1]"]
    assert tail.processed == {"a1": 1767225601.5}

    with log.open("a") as more:
        more.write(', "timestamp": "2026-01-01T00:00:02Z"}\n')
        more.write(record(event="article processed", article_id="a1", timestamp="2026-01-01T00:00:09Z"))
        more.write(record(event="partitions revoked", partitions=["t[0]"], timestamp="2026-01-01T00:00:10Z"))
        more.write(record(event="article dead-lettered", article_id="a3", stage="store", error="ValueError('x')",
                          timestamp="2026-01-01T00:00:11Z"))
    tail.read_new()
    assert tail.processed == {"a1": 1767225601.5, "a2": 1767225602.0}  # a redelivery keeps the first time
    assert tail.assignment is None
    assert tail.dead == {"a3": 1767225611.0}
    assert tail.dead_reasons == {"a3": "store: ValueError('x')"}


def test_profile_summary_sets_waiting_apart_from_work(tmp_path):
    collapsed = tmp_path / "enrich-0.collapsed.txt"
    collapsed.write_text(
        "<module> (newsflow/cli.py:1);enrich_articles (newsflow_enrich/pipeline.py:20);_pipe (spacy/util.py:1763) 60\n"
        "<module> (newsflow/cli.py:1);enrich_articles (newsflow_enrich/pipeline.py:20);forward (thinc/layers/maxout.py:52) 20\n"
        "<module> (newsflow/cli.py:1);run (asyncio/base_events.py:1);EpollSelector.select (selectors.py:468) 20\n"
    )
    summary = summarize([collapsed])
    assert summary["samples"] == 100
    assert summary["waiting_percent"] == 20.0
    assert summary["busy_by_package_percent"] == {"spacy": 60.0, "thinc": 20.0}
    assert summary["own_functions_inclusive_percent"] == {"enrich_articles (newsflow_enrich/pipeline.py)": 80.0}


def test_package_of_names_the_top_level_package():
    assert package_of("spacy/util.py") == "spacy"
    assert package_of("/tmp/venv/lib/python3.11/site-packages/thinc/model.py") == "thinc"
    assert package_of("threading.py") == "threading"


def test_the_limit_is_the_mean_of_the_bracketing_runs():
    first = {"processes": 2, "articles": 10, "steady_rate": 30.0, "rate": 28.0, "cpu_ms_per_article": 60.0}
    last = {**first, "steady_rate": 34.0, "rate": 32.0, "cpu_ms_per_article": 58.0}
    limit = combined_limit({"first": first, "last": last})
    assert limit["rate"] == 32.0 and limit["cpu_ms_per_article"] == 59.0
    assert limit["rate_of_each_run"] == [30.0, 34.0]
    too_short = {**first, "steady_rate": None}  # falls back to its overall rate
    assert combined_limit({"first": too_short, "last": last})["rate_of_each_run"] == [28.0, 34.0]
    assert combined_limit({}) is None


def test_a_log_tail_follows_the_assignment_of_its_own_group_only(tmp_path):
    log = tmp_path / "store-0.log"
    lines = [
        {"event": "partitions assigned", "group": "store", "partitions": ["t.enriched[0]", "t.enriched[1]"],
         "timestamp": "2026-01-01T00:00:00+00:00"},
        {"event": "partitions assigned", "group": "store-status", "partitions": ["t.status[0]"],
         "timestamp": "2026-01-01T00:00:01+00:00"},
    ]
    log.write_text("".join(json.dumps(line) + "\n" for line in lines))
    own, any_group = LogTail(log, group="store"), LogTail(log)
    own.read_new()
    any_group.read_new()
    assert own.assignment == ["t.enriched[0]", "t.enriched[1]"]
    assert any_group.assignment == ["t.status[0]"]
