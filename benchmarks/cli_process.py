"""Measurement 2: `newsflow process FOLDER`, the CLI as a user runs it (one process).

Each output line is timed as it arrives (the child's stdout is unbuffered), so
the steady rate leaves out the start-up (imports, model loading) that the
wall-clock rate includes.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path

from benchmarks.stats import overall_rate, steady_rate


def _children_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure(folder: Path, timeout: float) -> dict:
    cpu_before = _children_cpu_seconds()
    started = time.monotonic()
    child = subprocess.Popen(
        [sys.executable, "-m", "newsflow.cli", "process", str(folder)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    timer = threading.Timer(timeout, child.kill)  # a hung run must not hang the benchmark
    timer.start()
    try:
        line_times = [time.monotonic() for line in child.stdout if line.strip()]
        stderr = child.stderr.read().decode(errors="replace")
        code = child.wait()
    finally:
        timer.cancel()
    ended = time.monotonic()
    cpu = _children_cpu_seconds() - cpu_before  # the child's, start-up included
    return {
        "command": "newsflow process FOLDER",
        "processes": 1,
        "articles": len(line_times),
        "exit_code": code,
        "seconds": ended - started,
        "rate": overall_rate(len(line_times), started, ended),
        "steady_rate": steady_rate(line_times, started_at=started),
        "cpu_seconds": cpu,
        "cpu_ms_per_article": 1000 * cpu / len(line_times) if line_times else None,
        "first_output_after_seconds": line_times[0] - started if line_times else None,
        "stderr_tail": stderr.strip().splitlines()[-3:],
    }
