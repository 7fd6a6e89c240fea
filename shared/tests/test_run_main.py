"""How `newsflow serve` runs a service process: its event loop and its garbage collector."""

import asyncio
import subprocess
import sys

from newsflow_shared.runner import run_main


def test_services_run_on_uvloop_and_get_their_result_back():
    async def loop_module() -> str:
        await asyncio.sleep(0)
        return type(asyncio.get_running_loop()).__module__

    assert run_main(loop_module()).startswith("uvloop")


def test_serving_process_freezes_what_it_built_and_collects_young_objects_less_often():
    # In a process of its own: freezing would change this test process's collector for every later test.
    script = (
        "import gc; from newsflow_shared.runner import tune_gc_for_serving; "
        "before = gc.get_threshold(); tune_gc_for_serving(); "
        "print(gc.get_freeze_count() > 10_000, gc.get_threshold()[0], gc.get_threshold()[1:] == before[1:])"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["True", "20000", "True"]
