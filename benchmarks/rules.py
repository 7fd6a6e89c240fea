"""What each parse rule is worth on PolNeAR (issue 19): quotes found and precision per rule, and the
figures with a rule switched off.

    python -m benchmarks.rules --split dev [--without RULE ...] [--limit N]

Runs parse and enrich over the split's texts in process, as `newsflow process` does, then scores them
with ../shared/tools/score_polnear.py (imported from there, so its word matching and speaker checks are
the ones used here), over every attribution:
- per rule that found quotes (`found_by`): how many quotes, and the share of them that match a gold
  attribution (precision);
- per rule that chose a speaker (`speaker_by`): the gold attributions with a named source whose best
  matching quote has its speaker from that rule, and the share of those whose speaker is right;
- the headline's attributions (`title_quotes`, which the scorer does not read) against the gold ones
  in each text's first line, with the scorer's matching: recall, precision, speakers right.
With --without, those rules are switched off (newsflow_parse.rules.switched_off) and the scorer's
summary is printed for both runs, side by side: what the rules are worth is the difference. The test
split is held out: this refuses it.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import json
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "tools" / "score_polnear.py"
POLNEAR = SHARED / "corpora" / "polnear"


def scorer() -> ModuleType | None:
    if not SCORER.exists():
        return None
    spec = importlib.util.spec_from_file_location("score_polnear", SCORER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def process(texts: list[Path], without: list[str]) -> list[dict]:
    """The enriched articles of the texts, as newsflow process writes them, with `without` switched off."""
    from newsflow_parse import rules

    from newsflow.process import process_paths

    out = io.StringIO()
    with rules.switched_off(*without):
        process_paths(texts, out)
    return [json.loads(line) for line in out.getvalue().splitlines() if line.strip()]


def matching(score: ModuleType, gold: list[dict], prediction: dict, field: str = "quotes") -> tuple[list, list]:
    """The scorer's matching of one article's predicted quotes (`field`) to its gold attributions:
    ([(quote, correct)], [(gold, the quote covering it or None, its named speaker right, or None when the
    gold source names no one)])."""
    by_id = {e.get("id"): e for e in prediction.get("entities") or [] if e.get("id") is not None}
    quotes = [(q, Counter(score.words(q.get("text") or ""))) for q in prediction.get(field) or []]
    quotes = [(q, c) for q, c in quotes if c]
    union: Counter = Counter()
    for g in gold:
        union |= Counter(score.words(g["content"]))
    predicted = [(q, score.overlap(c, union) / sum(c.values()) >= score.QUOTE_MATCH) for q, c in quotes]
    found = []
    for g in gold:
        wanted = Counter(score.words(g["content"]))
        coverage, quote = max(((score.overlap(wanted, c) / max(1, sum(wanted.values())), q) for q, c in quotes),
                              key=lambda pair: pair[0], default=(0.0, None))
        if coverage < score.QUOTE_MATCH or quote is None:
            found.append((g, None, None))
            continue
        named = score.named_words(g["source"])
        found.append((g, quote, bool(named & score.said_words(score.speaker_of(quote, by_id))) if named else None))
    return predicted, found


def per_rule(score: ModuleType, split: Path, texts: list[Path], predictions: list[dict]) -> dict[str, Counter]:
    """Counts per rule: found_by/<id> quotes and correct; speaker_by/<id> named gold and speaker right."""
    counts: dict[str, Counter] = {}
    bodies = [Counter(score.words(p.get("body") or "")) for p in predictions]
    for text_file in texts:
        text = text_file.read_text()
        annotations = sorted((split / "attributions").glob(text_file.stem + "_*.ann"))
        if not annotations or not predictions:
            continue
        words = Counter(score.words(text))
        best = max(range(len(predictions)), key=lambda i: score.overlap(words, bodies[i]))
        if score.overlap(words, bodies[best]) < 0.5 * sum(words.values()):
            continue
        predicted, found = matching(score, score.parse_ann(annotations[0], text), predictions[best])
        for quote, correct in predicted:
            row = counts.setdefault(f"found_by/{quote.get('found_by')}", Counter())
            row["quotes"] += 1
            row["correct"] += correct
        for _, quote, right in found:
            if quote is not None and right is not None:
                row = counts.setdefault(f"speaker_by/{quote.get('speaker_by')}", Counter())
                row["named"] += 1
                row["right"] += right
    return counts


def headline(score: ModuleType, split: Path, texts: list[Path], predictions: list[dict]) -> Counter:
    """Headline attributions (`title_quotes`) against the gold attributions in each text's first line.

    The scorer reads only `quotes`, whose offsets index the body; headline attributions are kept apart
    (title_quotes), so they are scored here, with the scorer's own matching: gold, found, predicted,
    correct, named (gold with a named source, found) and right (its speaker right)."""
    counts: Counter = Counter()
    titles = [(p.get("metadata") or {}).get("title") or "" for p in predictions]
    for text_file in texts:
        text = text_file.read_text()
        annotations = sorted((split / "attributions").glob(text_file.stem + "_*.ann"))
        first_line = text.split("\n", 1)[0]
        if not annotations or not predictions or not first_line.strip():
            continue
        gold = headline_gold(annotations[0], text, len(first_line))
        best = max(range(len(predictions)), key=lambda i: score.overlap(Counter(score.words(first_line)),
                                                                           Counter(score.words(titles[i]))))
        prediction = predictions[best] if titles[best].strip() and titles[best].strip() in first_line else {}
        predicted, found = matching(score, gold, prediction, "title_quotes")
        counts["gold"] += len(gold)
        counts["predicted"] += len(predicted)
        counts["correct"] += sum(correct for _, correct in predicted)
        counts["found"] += sum(quote is not None for _, quote, _ in found)
        counts["named"] += sum(right is not None for _, _, right in found)
        counts["right"] += sum(bool(right) for _, _, right in found)
    return counts


def headline_gold(annotation: Path, text: str, title_end: int) -> list[dict]:
    """The attributions whose content starts in the first line, as the scorer's parse_ann gives them
    ({content, source}), read from the brat standoff with their offsets (which parse_ann drops)."""
    spans: dict[str, tuple[int, str]] = {}
    events = []
    for line in annotation.read_text().splitlines():
        if match := re.match(r"^(T\d+)\t\S+ ([\d ;]+)\t", line):
            parts = [tuple(map(int, part.split())) for part in match.group(2).split(";")]
            spans[match.group(1)] = (parts[0][0], " ".join(text[a:b] for a, b in parts))
        elif match := re.match(r"^E\d+\t(.*)$", line):
            events.append(dict(role.split(":", 1) for role in match.group(1).split() if ":" in role))
    gold = []
    for roles in events:
        content, source = spans.get(roles.get("Content", "")), spans.get(roles.get("Source", ""))
        if content and source and content[0] < title_end:
            gold.append({"content": content[1], "source": source[1]})
    return gold


def render_headline(counts: Counter) -> str:
    def share(part: str, whole: str) -> str:
        return f"{counts[part] / counts[whole]:.3f}" if counts[whole] else "n/a"

    return (f"headline attributions (title_quotes): gold {counts['gold']}, found {counts['found']} (recall "
            f"{share('found', 'gold')}); predicted {counts['predicted']}, correct {counts['correct']} (precision "
            f"{share('correct', 'predicted')}); named speaker right {counts['right']} of {counts['named']}")


def summary(score: ModuleType, split: Path, texts: list[Path], predictions: list[dict]) -> dict[str, float]:
    """The scorer's own summary of the predictions (its main), over the given texts of the split only."""
    printed, argv = io.StringIO(), sys.argv
    with tempfile.TemporaryDirectory(prefix="newsflow-rules-") as folder:
        scored = Path(folder) / "split"  # the texts and their attributions, linked, not copied
        (scored / "text").mkdir(parents=True)
        (scored / "attributions").mkdir()
        for text in texts:
            (scored / "text" / text.name).symlink_to(text)
            for annotation in (split / "attributions").glob(text.stem + "_*.ann"):
                (scored / "attributions" / annotation.name).symlink_to(annotation)
        predicted = Path(folder) / "predicted.jsonl"
        predicted.write_text("".join(json.dumps(p) + "\n" for p in predictions))
        try:
            sys.argv = ["score_polnear.py", str(scored), str(predicted), "--metadata", str(POLNEAR / "metadata.tsv")]
            with contextlib.redirect_stdout(printed):
                score.main()
        finally:
            sys.argv = argv
    pairs = (line.split() for line in printed.getvalue().splitlines() if line.strip())
    return {key: float(value) for key, value in pairs}


def render(counts: dict[str, Counter]) -> str:
    lines = ["found by              quotes  precision", "-" * 40]
    for key in sorted(k for k in counts if k.startswith("found_by/")):
        row = counts[key]
        lines.append(f"{key.split('/', 1)[1]:<22}{row['quotes']:>6}  {row['correct'] / row['quotes']:>9.3f}")
    lines += ["", "speaker by            named  accuracy", "-" * 40]
    for key in sorted(k for k in counts if k.startswith("speaker_by/")):
        row = counts[key]
        lines.append(f"{key.split('/', 1)[1]:<22}{row['named']:>6}  {row['right'] / row['named']:>8.3f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.rules", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", default="dev", choices=["dev", "train"], help="never the test split")
    parser.add_argument("--without", nargs="*", default=[], metavar="RULE", help="rule ids to switch off")
    parser.add_argument("--limit", type=int, help="the first N texts of the split only")
    args = parser.parse_args(argv)
    score, split = scorer(), POLNEAR / args.split
    if score is None or not (split / "text").is_dir():
        print(f"skipped: needs {SCORER} and {split}/text (PolNeAR and its scorer, beside the repository)")
        return 0
    texts = sorted((split / "text").glob("*.txt"))[: args.limit]
    predictions = process(texts, [])
    print(render(per_rule(score, split, texts, predictions)))
    print("\n" + render_headline(headline(score, split, texts, predictions)))
    if args.without:
        without = process(texts, args.without)
        every, fewer = summary(score, split, texts, predictions), summary(score, split, texts, without)
        print(f"\nwithout {', '.join(args.without)}:")
        print(f"{'':<32}{'all rules':>10}{'without':>10}{'change':>9}")
        for key, value in every.items():
            print(f"{key:<32}{value:>10.3f}{fewer.get(key, 0.0):>10.3f}{fewer.get(key, 0.0) - value:>+9.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
