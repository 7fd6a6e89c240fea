"""What the kernel knows about our processes: peak memory and CPU time (Linux /proc)."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

PROC = Path("/proc")
TICKS = os.sysconf("SC_CLK_TCK")


def peak_rss_bytes(pid: int) -> int | None:
    """VmHWM: the most resident memory the process ever had; None if it is gone."""
    try:
        for line in (PROC / str(pid) / "status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except (FileNotFoundError, ProcessLookupError):
        return None
    return None


def _stat_fields(pid: int) -> list[str] | None:
    try:
        text = (PROC / str(pid) / "stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return None
    # The command name is in parentheses and may itself hold spaces or parentheses.
    return text[text.rindex(")") + 2:].split()


def cpu_seconds(pid: int, *, with_reaped_children: bool = False) -> float | None:
    """User + system CPU time of a process (and of its children it has waited for)."""
    fields = _stat_fields(pid)
    if fields is None:
        return None
    utime, stime, cutime, cstime = (int(f) for f in fields[11:15])
    return (utime + stime + ((cutime + cstime) if with_reaped_children else 0)) / TICKS


# The HotSpot JVM's just-in-time compiler threads ("C2 CompilerThread0", "C1 CompilerThre...": the
# kernel keeps 15 characters of a thread's name).
JIT_THREAD_PREFIXES = ("C1 CompilerThre", "C2 CompilerThre")


def threads_cpu_seconds(pid: int, name_prefixes: tuple[str, ...]) -> float:
    """CPU time so far of a process's live threads whose names start with one of `name_prefixes`."""
    total = 0
    try:
        tasks = list((PROC / str(pid) / "task").iterdir())
    except (FileNotFoundError, ProcessLookupError):
        return 0.0
    for task in tasks:
        try:
            name = (task / "comm").read_text().strip()
            text = (task / "stat").read_text()
        except (FileNotFoundError, ProcessLookupError):
            continue
        if name.startswith(name_prefixes):
            fields = text[text.rindex(")") + 2:].split()
            total += int(fields[11]) + int(fields[12])
    return total / TICKS


def descendants(pid: int) -> list[int]:
    """Every live process below `pid` in the process tree."""
    children: dict[int, list[int]] = {}
    for entry in PROC.iterdir():
        if entry.name.isdigit():
            fields = _stat_fields(int(entry.name))
            if fields is not None:
                children.setdefault(int(fields[1]), []).append(int(entry.name))
    found, stack = [], [pid]
    while stack:
        for child in children.get(stack.pop(), []):
            found.append(child)
            stack.append(child)
    return found


def tree_cpu_seconds(pid: int) -> float:
    """CPU time of a process tree so far: each live process plus what it reaped.

    Every CPU second is counted once: by the process while it lives, then by the
    parent that waited for it.
    """
    return sum(cpu_seconds(p, with_reaped_children=True) or 0.0 for p in [pid, *descendants(pid)])


def machine_busy_seconds() -> float:
    """CPU time all cores spent on anything but idling since boot (/proc/stat)."""
    values = [int(v) for v in (PROC / "stat").read_text().splitlines()[0].split()[1:]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = values[:8]
    return (user + nice + system + irq + softirq + steal) / TICKS


@dataclass
class CpuMeter:
    """CPU used on the whole machine during a phase, split into ours and everything else.

    "Ours" is this process and every process it started; "others" is the noise
    (other work on the machine) the measurement of that phase suffered.
    """

    started: float = 0.0
    machine_at_start: float = 0.0
    ours_at_start: float = 0.0

    def start(self) -> "CpuMeter":
        self.started = time.monotonic()
        self.machine_at_start = machine_busy_seconds()
        self.ours_at_start = tree_cpu_seconds(os.getpid())
        return self

    def read(self) -> dict[str, float]:
        elapsed = time.monotonic() - self.started
        machine = machine_busy_seconds() - self.machine_at_start
        ours = tree_cpu_seconds(os.getpid()) - self.ours_at_start
        return {
            "seconds": elapsed,
            "cores": os.cpu_count() or 1,
            "machine_busy_cores": machine / elapsed if elapsed else 0.0,
            "ours_cores": ours / elapsed if elapsed else 0.0,
            "others_cores": max(0.0, machine - ours) / elapsed if elapsed else 0.0,
        }
