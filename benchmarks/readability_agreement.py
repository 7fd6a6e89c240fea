"""How far parse's HTML metadata agrees with Mozilla Readability's on saved news pages.

    python -m benchmarks.readability_agreement [FOLDER]

FOLDER (default ../shared/corpora/readability beside the repository) holds one
folder per page with source.html and expected-metadata.json, the metadata
Readability extracted: a reference to compare with, not the truth, so every
disagreement is worth a look at the page. Prints one line per page and a
summary; exits 0 without a table (and says why) when the folder is absent.

Title and date agree when their words (dates: the day) are the same. A byline
agrees when our authors' words are the reference's ("same"), or all lie within
it while Readability's byline carries more text, such as a date or a job
title glued to the name ("within"). Where only one side gives a value the
page says "ours only" or "reference only".
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from newsflow_shared.events import RawArticle

from newsflow_parse.article_layout import extract_layout

REPO_ROOT = Path(__file__).resolve().parents[1]
READABILITY_PAGES = REPO_ROOT.parent / "shared" / "corpora" / "readability"
_WORD = re.compile(r"\w+")


AGREEING = ("same", "within")


@dataclass(frozen=True)
class PageAgreement:
    page: str
    states: dict[str, str]  # field -> "same", "within", "ours only", "reference only" or "different"
    ours: dict
    reference: dict


def words(text: str | None) -> list[str]:
    return _WORD.findall((text or "").casefold())


def field_state(ours: list[str], theirs: list[str], *, within_counts: bool = False) -> str:
    if ours == theirs or (within_counts and set(ours) == set(theirs)):
        return "same"
    if not theirs:
        return "ours only"
    if not ours:
        return "reference only"
    if within_counts and set(ours) <= set(theirs):
        return "within"
    return "different"


def compare_page(folder: Path) -> PageAgreement:
    reference = json.loads((folder / "expected-metadata.json").read_text(encoding="utf-8"))
    html = (folder / "source.html").read_bytes().decode("utf-8", errors="replace")
    raw = RawArticle(
        article_id=folder.name, received_at=datetime.now(timezone.utc), content_type="text/html", content=html
    )
    metadata, _ = extract_layout(raw)
    ours = {"title": metadata.title, "byline": metadata.authors, "date": (metadata.published_at or "")[:10] or None}
    theirs = {
        "title": reference.get("title"),
        "byline": reference.get("byline"),
        "date": (reference.get("publishedTime") or "")[:10] or None,
    }
    states = {
        "title": field_state(words(ours["title"]), words(theirs["title"])),
        "byline": field_state(
            words(" ".join(ours["byline"])), [w for w in words(theirs["byline"]) if w != "by"], within_counts=True
        ),
        "date": field_state([ours["date"]] if ours["date"] else [], [theirs["date"]] if theirs["date"] else []),
    }
    return PageAgreement(folder.name, states, ours, theirs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=READABILITY_PAGES)
    folder = parser.parse_args(argv).folder
    pages = sorted(p for p in folder.iterdir() if (p / "expected-metadata.json").is_file()) if folder.is_dir() else []
    if not pages:
        print(f"skipped: no Readability pages at {folder} (expected folders with expected-metadata.json)")
        return 0
    results = [compare_page(page) for page in pages]
    for r in results:
        print(f"{r.page:<18} " + "  ".join(f"{field}={state}" for field, state in r.states.items()))
        for field, state in r.states.items():
            if state not in AGREEING:
                print(f"{'':<18}   {field}: ours={r.ours[field]!r} readability={r.reference[field]!r}")
    print(f"\n{len(results)} pages")
    for field in ("title", "byline", "date"):
        counts = Counter(r.states[field] for r in results)
        agree = sum(counts[s] for s in AGREEING)
        both = agree + counts["different"]
        print(f"{field:<7} agree {agree}/{len(results)} (of {both} where both give one); " + ", ".join(
            f"{state} {n}" for state, n in sorted(counts.items())
        ))
    return 0


if __name__ == "__main__":
    sys.exit(main())
