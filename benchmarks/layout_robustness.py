"""Parse's layout step over every file of the BBC corpus: no exception allowed.

    python -m benchmarks.layout_robustness [FOLDER] [--with-quotes]

Runs extract_layout (metadata and clean body) on each .txt file under FOLDER
(default ../shared/corpora/bbc beside the repository), both as plain text and
wrapped in HTML, and prints how many raised, which, and the slowest files;
--with-quotes runs the whole parse stage (quotes included) instead. Skips,
saying why, when the folder is absent. Exit status 1 if anything raised.
"""

from __future__ import annotations

import argparse
import html
import sys
import time
import traceback
from datetime import datetime, timezone
from pathlib import Path

from newsflow_shared.events import RawArticle

from newsflow_parse.article_layout import extract_layout

REPO_ROOT = Path(__file__).resolve().parents[1]
BBC_CORPUS = REPO_ROOT.parent / "shared" / "corpora" / "bbc"
# One file of the corpus is Windows-1252, the rest UTF-8.
FALLBACK_ENCODING = "cp1252"
SLOWEST_SHOWN = 3


def read_text(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode(FALLBACK_ENCODING)


def raw_article(name: str, text: str, content_type: str) -> RawArticle:
    content = text if content_type == "text/plain" else f"<html><body><article><pre>{html.escape(text)}</pre></article></body></html>"
    return RawArticle(
        article_id=name, received_at=datetime.now(timezone.utc), content_type=content_type, content=content
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=BBC_CORPUS)
    parser.add_argument("--with-quotes", action="store_true", help="run the whole parse stage, quotes included")
    args = parser.parse_args(argv)
    files = sorted(args.folder.glob("*/*.txt")) if args.folder.is_dir() else []
    if not files:
        print(f"skipped: no corpus at {args.folder} (expected topic folders of .txt files)")
        return 0
    if args.with_quotes:
        from newsflow_parse.pipeline import parse_article

        def run(raw: RawArticle) -> None:
            parse_article(raw)
    else:

        def run(raw: RawArticle) -> None:
            extract_layout(raw)

    failures: list[str] = []
    timings: list[tuple[float, str]] = []
    for path in files:
        name = f"{path.parent.name}/{path.name}"
        text = read_text(path)
        for content_type in ("text/plain", "text/html"):
            started = time.perf_counter()
            try:
                run(raw_article(name, text, content_type))
            except Exception:  # noqa: BLE001 - counting them is the point
                failures.append(f"{name} ({content_type}):\n{traceback.format_exc()}")
            timings.append((time.perf_counter() - started, f"{name} ({content_type})"))
    print(f"{len(files)} files, {len(timings)} runs, {len(failures)} exceptions, {sum(t for t, _ in timings):.1f} s")
    for seconds, name in sorted(timings, reverse=True)[:SLOWEST_SHOWN]:
        print(f"  slowest: {name} {seconds:.3f} s")
    for failure in failures:
        print(failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
