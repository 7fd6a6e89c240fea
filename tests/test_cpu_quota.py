"""Simulated machines (issue 17): a process and the children it starts are held to their CPU quota."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.infra.cpu_quota import CpuQuotas

BUSY = "import time\nend = time.monotonic() + {seconds}\nwhile time.monotonic() < end:\n    pass\n"


def test_a_quota_holds_a_process_and_its_child_to_their_share(tmp_path):
    reason = CpuQuotas.available()
    if reason:
        pytest.skip(reason)
    quotas = CpuQuotas()
    group = quotas.make("spinner", 0.2)
    try:
        # parent and child each spin for 2 s of wall time: 4 CPU-seconds unlimited, 0.4 with the quota
        script = (f"import subprocess, sys\nchild = subprocess.Popen([sys.executable, '-c', {BUSY.format(seconds=2)!r}])\n"
                  + BUSY.format(seconds=2) + "child.wait()\n")
        subprocess.run([sys.executable, "-c", script], preexec_fn=group.enter, check=True, timeout=60)
        used = group.cpu_seconds()
        assert used is not None and 0.1 < used < 1.0, used
        assert group.throttled_periods() > 5
    finally:
        quotas.remove_all()
    assert not group.cpu.exists()
