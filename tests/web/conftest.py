"""A running `newsflow up` loaded with articles, and Debian's Chromium driven by Playwright.

scripts/browser.sh installs what these need (the chromium package, axe-core from
the npm registry); nothing is downloaded here. Where either is missing the tests
skip saying why, and fail under CI=true.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import httpx
import pytest

from tests.infra.fixtures import unavailable
from tests.infra.ports import free_port

REPO = Path(__file__).resolve().parents[2]
ARTICLES = Path(__file__).parent / "articles"  # written for these tests
SEEDS = REPO.parent / "shared" / "seeds"  # copyrighted news beside the project, never copied in
AXE = REPO / ".cache" / "axe-core" / "node_modules" / "axe-core" / "axe.min.js"
# As the machine's own check starts it: without the background-networking flags Chromium keeps
# trying hosts this closed network refuses.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@dataclass
class Newsroom:
    base: str
    ids: dict[str, str]  # fixture file stem -> article id
    seed_ids: list[str] = field(default_factory=list)

    def api(self, path: str, **params) -> dict:
        response = httpx.get(self.base + path, params=params, timeout=10)
        response.raise_for_status()
        return response.json()


def _wait_ready(process: subprocess.Popen, base: str, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"newsflow up exited ({process.returncode})")
        try:
            if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError("newsflow up did not become ready")
        time.sleep(0.2)


def _wait_stored(base: str, article_ids: list[str], timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    for article_id in article_ids:
        while httpx.get(f"{base}/articles/{article_id}/status", timeout=10).json().get("status") != "stored":
            assert time.monotonic() < deadline, f"article {article_id} was not stored in time"
            time.sleep(0.2)


# Module scope, not session: the server (a whole pipeline with its models) and the browser end with
# the browser tests, and Playwright's sync API, which runs an event loop of its own, is gone before any
# later asyncio test starts.
@pytest.fixture(scope="module")
def newsroom(tmp_path_factory) -> Iterator[Newsroom]:
    """`newsflow up` (embedded: in-process bus, SQLite) with the fixture articles and, where present, the seeds."""
    folder = tmp_path_factory.mktemp("newsroom")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{folder / 'newsflow.db'}"}
    env.pop("NEWSFLOW_API_TOKENS", None)
    log = (folder / "up.log").open("wb")
    process = subprocess.Popen([sys.executable, "-m", "newsflow.cli", "up", "--port", str(port)], env=env,
                               cwd=folder, stdout=log, stderr=subprocess.STDOUT)
    try:
        _wait_ready(process, base)
        ids = {}
        for path in sorted(ARTICLES.glob("*.json")):
            response = httpx.post(f"{base}/articles", json=json.loads(path.read_text()), timeout=30)
            assert response.status_code == 202, response.text
            ids[path.stem] = response.json()["article_id"]
        seed_ids = []
        for path in sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []:
            response = httpx.post(f"{base}/articles", content=path.read_bytes(),
                                  headers={"content-type": "text/plain"}, timeout=30)
            assert response.status_code == 202, response.text
            seed_ids.append(response.json()["article_id"])
        _wait_stored(base, [*ids.values(), *seed_ids])
        yield Newsroom(base, ids, seed_ids)
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = shutil.which("chromium")
    if path is None:
        unavailable("no chromium on PATH: run scripts/browser.sh (Debian's chromium package)")
    return str(path)


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.is_file():
        unavailable(f"axe-core is not at {AXE.relative_to(REPO)}: run scripts/browser.sh")
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def browser(chromium_path):
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("playwright is not installed: run scripts/setup.sh")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("screenshots")
    print(f"screenshots of the pages: {folder}", file=sys.stderr)
    return folder
