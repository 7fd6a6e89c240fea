"""Sampling profiles of running services with py-spy, and where their time goes.

py-spy attaches to a live process from outside (no code change, no restart)
and samples its Python stacks; `--nonblocking` never pauses the target. The
raw (collapsed-stack) files it writes can be opened in speedscope.app or fed to
flamegraph.pl; summarize() names the packages and newsflow functions that
take the samples.
"""

from __future__ import annotations

import re
import shutil
import signal
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

SAMPLES_PER_SECOND = 100
_FRAME = re.compile(r"^(?P<function>.*) \((?P<file>[^()]*?)(?::(?P<line>\d+))?\)$")
OWN_PACKAGES = ("newsflow_",)  # the services and shared (the CLI entry point is in every stack)
# Innermost frames where a thread waits (for I/O, a lock or work) rather than computes.
# py-spy's own idle detection misses some of them, so they are set apart here.
WAITING_FRAMES = {
    ("EpollSelector.select", "selectors.py"),
    ("Condition.wait", "threading.py"),
    ("Event.wait", "threading.py"),
    ("_worker", "concurrent/futures/thread.py"),
    ("Connection.wait", "psycopg/connection.py"),
}


def py_spy() -> str | None:
    """py-spy on PATH, or installed beside this Python (a virtualenv not activated)."""
    beside = Path(sys.executable).parent / "py-spy"
    return shutil.which("py-spy") or (str(beside) if beside.exists() else None)


@dataclass
class Recording:
    label: str
    output: Path
    process: subprocess.Popen

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)  # py-spy writes its file on SIGINT
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def record(pid: int, label: str, folder: Path) -> Recording:
    folder.mkdir(parents=True, exist_ok=True)
    output = folder / f"{label}.collapsed.txt"
    process = subprocess.Popen(
        [py_spy() or "py-spy", "record", "--pid", str(pid), "--rate", str(SAMPLES_PER_SECOND),
         "--format", "raw", "--nonblocking", "--output", str(output)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    return Recording(label, output, process)


def _frames(stack: str) -> list[tuple[str, str]]:
    frames = []
    for frame in stack.split(";"):
        match = _FRAME.match(frame.strip())
        frames.append((match["function"], match["file"]) if match else (frame.strip(), ""))
    return frames


def package_of(file: str) -> str:
    """The top-level package of a frame's file, as py-spy names it ("spacy/util.py" -> "spacy")."""
    if "site-packages/" in file:
        file = file.split("site-packages/", 1)[1]
    head = file.lstrip("/").split("/", 1)[0]
    return head.removesuffix(".py") or "(unknown)"


def summarize(paths: list[Path], top: int = 12) -> dict:
    """Where the samples of one or more collapsed-stack files go.

    waiting_percent: samples whose innermost frame waits (see WAITING_FRAMES).
    busy_by_package_percent: the other samples, by the package of the innermost
    frame (what computes), and by that innermost function. own_functions_inclusive_percent: newsflow's own
    functions with everything they call, waiting included (who asked for it).
    """
    total, waiting, busy, busy_functions, own = 0, Counter(), Counter(), Counter(), Counter()
    for path in paths:
        if not path.exists():
            continue
        for line in path.read_text(errors="replace").splitlines():
            stack, _, count = line.rpartition(" ")
            if not stack or not count.isdigit():
                continue
            samples, frames = int(count), _frames(stack)
            total += samples
            if frames[-1] in WAITING_FRAMES:
                waiting[f"{frames[-1][0]} ({frames[-1][1]})"] += samples
            else:
                busy[package_of(frames[-1][1])] += samples
                busy_functions[f"{frames[-1][0]} ({frames[-1][1]})"] += samples
            for name in {f"{function} ({file})" for function, file in frames if any(p in file for p in OWN_PACKAGES)}:
                own[name] += samples
    share = (lambda n: round(100 * n / total, 1)) if total else (lambda n: 0.0)
    return {
        "samples": total,
        "waiting_percent": share(sum(waiting.values())),
        "waiting_in": {name: share(n) for name, n in waiting.most_common()},
        "busy_by_package_percent": {name: share(n) for name, n in busy.most_common(top)},
        "busy_functions_percent": {name: share(n) for name, n in busy_functions.most_common(top)},
        "own_functions_inclusive_percent": {name: share(n) for name, n in own.most_common(top)},
    }
