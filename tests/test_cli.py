"""The newsflow command as a user runs it: process, and the embedded `up`."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import asyncio

import httpx
import pytest

from newsflow_shared.kafka_admin import expect_topics
from newsflow_shared.events import EnrichedArticle
from tests.infra.ports import free_port

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "newsflow" / "samples"
NEWSFLOW = [sys.executable, "-m", "newsflow.cli"]


def test_process_prints_one_valid_enriched_article_per_file():
    result = subprocess.run([*NEWSFLOW, "process", str(SAMPLES)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    articles = [EnrichedArticle.model_validate_json(line) for line in result.stdout.splitlines()]
    assert len(articles) == len(list(SAMPLES.glob("*.txt")))
    assert "3 articles written, 0 failed" in result.stderr
    ferry = next(a for a in articles if "ferry" in (a.metadata.title or "").lower())
    assert ferry.metadata.title == "Island votes to keep its ferry after a year of delays"
    assert any("our road" in q.text for q in ferry.quotes)
    for article in articles:
        assert article.pipeline.parse and article.pipeline.enrich
        for quote in article.quotes:
            assert quote.text == " ".join(article.body[part.start:part.end] for part in quote.parts)
            assert quote.start == quote.parts[0].start and quote.end == quote.parts[-1].end
    # The mayor's interrupted quote is what she said, in two parts, without the narration between.
    [boat] = [q for q in ferry.quotes if "our road" in q.text]
    assert len(boat.parts) == 2 and "campaigned" not in boat.text and boat.speaker == "Mayor Ada Quist"
    # The clinic story's headline attributes its news to the board, which the body names in full.
    clinic = next(a for a in articles if "clinics" in (a.metadata.title or "").lower())
    [headline] = clinic.title_quotes
    names = {entity.id: entity.name for entity in clinic.entities}
    assert (headline.text, headline.speaker, names.get(headline.actor_id or "")) == (
        "Rural clinics to stay open at weekends", "health board", "Ardmoor Health Board")
    assert clinic.metadata.title[headline.start:headline.end] == headline.text


def test_process_reports_bad_files_and_keeps_the_good_ones(tmp_path):
    (tmp_path / "good.txt").write_text("Dam opens\n\nThe dam opened on Monday, officials said.")
    (tmp_path / "bad.json").write_text("{not json")
    (tmp_path / "empty.json").write_text('{"text": "  "}')
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9".encode("latin-1"))
    result = subprocess.run([*NEWSFLOW, "process", str(tmp_path)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 1
    assert len(result.stdout.splitlines()) == 1
    assert "bad.json: malformed JSON" in result.stderr
    assert "empty.json" in result.stderr and "empty" in result.stderr
    assert "latin1.txt: not UTF-8" in result.stderr


def test_up_serves_a_posted_article_from_the_store_api_seconds_later(tmp_path):
    port = free_port()
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'newsflow.db'}"}
    process = subprocess.Popen([*NEWSFLOW, "up", "--port", str(port)], env=env, cwd=tmp_path,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, process.stderr.read().decode()
            try:
                if httpx.get(f"{base}/readyz").status_code == 200:
                    break
            except httpx.HTTPError:
                assert time.monotonic() < deadline, "newsflow up did not become ready"
                time.sleep(0.2)
        # What README tells a newcomer to do, with curl.
        article = 'Pier reopens\n\n"We are open again," said harbour master Ines Vell on Friday.'
        posted = subprocess.run(["curl", "-s", "-X", "POST", f"{base}/articles", "-H", "content-type: application/json",
                                 "-d", json.dumps({"text": article, "source": "Test Gazette"})],
                                capture_output=True, text=True, check=True)
        article_id = json.loads(posted.stdout)["article_id"]
        posted_at = time.monotonic()
        while (response := httpx.get(f"{base}/articles/{article_id}")).status_code == 404:
            assert time.monotonic() - posted_at < 30, "article never reached the store"
            time.sleep(0.2)
        stored = response.json()
        assert stored["metadata"]["title"] == "Pier reopens"
        assert stored["metadata"]["source"] == "Test Gazette"
        assert [q["text"] for q in stored["quotes"]] and "open again" in stored["quotes"][0]["text"]

        # `newsflow post` sends a folder with a progress bar; posting it twice gives duplicates.
        first = subprocess.run([*NEWSFLOW, "post", str(SAMPLES), "--url", base], capture_output=True, text=True, timeout=60)
        again = subprocess.run([*NEWSFLOW, "post", str(SAMPLES), "--url", base], capture_output=True, text=True, timeout=60)
        assert first.returncode == 0 and "3 accepted" in first.stdout, first.stdout + first.stderr
        assert again.returncode == 0 and "3 duplicate" in again.stdout
        posted_at = time.monotonic()
        while httpx.get(f"{base}/articles", params={"with_total": "true"}).json()["total"] < 4:
            assert time.monotonic() - posted_at < 30, "posted samples never reached the store"
            time.sleep(0.2)
    finally:
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=30) == 0
    assert f"open {base}/ in a browser" in process.stderr.read().decode()  # where the pages are


@pytest.mark.integration
def test_topics_creates_the_topics_even_where_services_are_told_to_wait_for_them(kafka_broker):
    names = {name: f"cli-{time.monotonic_ns()}.{name}" for name in ("raw", "parsed", "enriched", "dlq", "ids", "status")}
    env = {**os.environ, "NEWSFLOW_KAFKA_BOOTSTRAP_SERVERS": kafka_broker.bootstrap_servers,
           "NEWSFLOW_CREATE_TOPICS": "false", **{f"NEWSFLOW_TOPIC_{n.upper()}": t for n, t in names.items()}}
    result = subprocess.run([*NEWSFLOW, "topics", "--partitions", "2"], env=env, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    asyncio.run(expect_topics(kafka_broker.bootstrap_servers, list(names.values())))  # raises if one is missing
