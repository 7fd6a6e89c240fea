"""Simulated machines: a process (and its children) held to a share of the CPU by a cgroup quota.

N replicas of a stage, each in a group of its own with a quota of Q cores, are N small machines of
Q cores; the scale-out benchmark (issue 17) measures the design on them rather than the 2 cores
of the machine it runs on. cgroup v1 (the `cpu` hierarchy's cpu.cfs_quota_us over cpu.cfs_period_us)
and v2 (cpu.max) are both supported; `CpuQuotas.available()` says why neither can be used when it
cannot (not root, no cpu controller). CPU used by a group is read from cpuacct (v1) or cpu.stat (v2).

A process joins its group before it execs (Popen's preexec_fn writes 0, "this process", to the
group's cgroup.procs), so everything it starts later, such as the NLP child of parse and enrich,
is held by the same quota.
"""

from __future__ import annotations

import contextlib
import os
import signal
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

CGROUP_ROOT = Path("/sys/fs/cgroup")
PERIOD_US = 100_000


@dataclass(frozen=True)
class CpuGroup:
    """One simulated machine: its folders in the cgroup hierarchies and its quota in cores."""

    name: str
    cores: float
    cpu: Path  # where the quota is set, and the process is entered
    accounting: Path | None  # v1: the cpuacct folder (another hierarchy); v2: the same folder as cpu

    def enter(self) -> None:
        """Move the calling process into the group (run in the child, before exec)."""
        for folder in (self.cpu, self.accounting):
            if folder is not None:
                (folder / "cgroup.procs").write_text("0")

    def cpu_seconds(self) -> float | None:
        """CPU time used by everything that ran in the group."""
        if self.accounting is None:
            return None
        usage = self.accounting / "cpuacct.usage"
        if usage.exists():
            return int(usage.read_text()) / 1e9
        return int(_stat(self.accounting)["usage_usec"]) / 1e6

    def throttled_periods(self) -> int:
        return int(_stat(self.cpu).get("nr_throttled", 0))

    def pids(self) -> list[int]:
        try:
            return [int(pid) for pid in (self.cpu / "cgroup.procs").read_text().split()]
        except FileNotFoundError:
            return []

    def remove(self, *, grace_s: float = 10.0) -> None:
        """Remove the group's folders, once what ran in it has exited.

        A service's children (its NLP process) may outlive it by a moment; whatever is still in
        the group after `grace_s` is killed, as the machine it ran on is taken away.
        """
        deadline = time.monotonic() + grace_s
        while self.pids() and time.monotonic() < deadline:
            time.sleep(0.1)
        for pid in self.pids():
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        for folder in {self.cpu, self.accounting} - {None}:
            for _ in range(50):
                try:
                    folder.rmdir()  # type: ignore[union-attr]
                    break
                except FileNotFoundError:
                    break
                except OSError:  # EBUSY: a killed process not yet gone
                    time.sleep(0.1)


def _stat(folder: Path) -> dict[str, str]:
    """A group's cpu.stat: one "name value" pair a line."""
    return dict(line.split() for line in (folder / "cpu.stat").read_text().splitlines())


class CpuQuotas:
    """Makes CpuGroups under one parent folder per run, and removes them all at the end."""

    def __init__(self, root: Path = CGROUP_ROOT) -> None:
        self.root = root
        self.version = 2 if (root / "cgroup.controllers").exists() else 1
        self.run = f"newsflow-{uuid.uuid4().hex[:8]}"
        self.groups: list[CpuGroup] = []

    @classmethod
    def available(cls, root: Path = CGROUP_ROOT) -> str | None:
        """None if quotas can be set here; otherwise why not."""
        quotas = cls(root)
        if quotas.version == 2:
            if "cpu" not in (root / "cgroup.controllers").read_text().split():
                return f"cgroup v2 at {root} has no cpu controller"
            folder = root
        else:
            folder = quotas._v1_folder("cpu")
            if folder is None:
                return f"no cgroup v1 cpu hierarchy under {root}"
        if not os.access(folder, os.W_OK):
            return f"cannot create cgroups in {folder} (needs root)"
        return None

    def _v1_folder(self, controller: str) -> Path | None:
        for name in (controller, "cpu,cpuacct", "cpuacct,cpu"):
            folder = self.root / name
            if (folder / "cgroup.procs").exists() and (controller != "cpu" or (folder / "cpu.cfs_quota_us").exists()):
                return folder
        return None

    def make(self, name: str, cores: float) -> CpuGroup:
        """A group limited to `cores` CPUs (0.15: 15 ms of every 100 ms)."""
        if cores <= 0:
            raise ValueError(f"a quota must be above 0 cores, not {cores}")
        quota = max(1000, round(cores * PERIOD_US))
        if self.version == 2:
            parent = self.root / self.run
            if not parent.exists():
                parent.mkdir()
                (self.root / "cgroup.subtree_control").write_text("+cpu")
                (parent / "cgroup.subtree_control").write_text("+cpu")
            folder = parent / name
            folder.mkdir()
            (folder / "cpu.max").write_text(f"{quota} {PERIOD_US}")
            group = CpuGroup(name, cores, folder, folder)
        else:
            cpu_root, accounting_root = self._v1_folder("cpu"), self._v1_folder("cpuacct")
            assert cpu_root is not None, "no cgroup v1 cpu hierarchy"
            folder = cpu_root / self.run / name
            folder.mkdir(parents=True)
            (folder / "cpu.cfs_period_us").write_text(str(PERIOD_US))
            (folder / "cpu.cfs_quota_us").write_text(str(quota))
            accounting = None
            if accounting_root is not None and accounting_root != cpu_root:
                accounting = accounting_root / self.run / name
                accounting.mkdir(parents=True)
            elif accounting_root == cpu_root:
                accounting = folder
            group = CpuGroup(name, cores, folder, accounting)
        self.groups.append(group)
        return group

    def remove_all(self) -> None:
        for group in self.groups:
            group.remove()
        for top in {group.cpu.parent for group in self.groups} | {
                group.accounting.parent for group in self.groups if group.accounting is not None}:
            try:
                top.rmdir()
            except (FileNotFoundError, OSError):
                pass
        self.groups.clear()
