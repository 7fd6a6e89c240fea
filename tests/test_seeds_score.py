"""`newsflow process ../shared/seeds` feeds the project's scorer without error.

The seeds are copyrighted news kept beside the project, never in it: this test
reads them from ../shared and skips, saying why, where they are absent.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS, GOLD, SCORER = SHARED / "seeds", SHARED / "gold" / "seeds.json", SHARED / "tools" / "score.py"


@pytest.mark.skipif(not (SEEDS.is_dir() and GOLD.is_file() and SCORER.is_file()),
                    reason="../shared/seeds, gold or tools are absent: the copyrighted seeds are not in this repo")
def test_seeds_are_processed_and_scored(tmp_path):
    output = tmp_path / "seeds.jsonl"
    with output.open("w") as out:
        run = subprocess.run([sys.executable, "-m", "newsflow.cli", "process", str(SEEDS)],
                             stdout=out, stderr=subprocess.PIPE, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert len(output.read_text().splitlines()) == 5
    scores = tmp_path / "scores.json"
    scored = subprocess.run([sys.executable, str(SCORER), str(GOLD), str(output), "--json", str(scores)],
                            capture_output=True, text=True, timeout=120)
    assert scored.returncode == 0, scored.stderr
    assert json.loads(scores.read_text())  # the scorer produced figures
