"""Per-thread CPU time, by thread name: how the benchmark sets a JVM's JIT compiling apart."""

import ctypes
import os
import threading
import time

from tests.infra.procinfo import threads_cpu_seconds

PR_SET_NAME = 15


def test_only_the_threads_named_so_are_counted():
    done = threading.Event()

    def busy() -> None:
        # The kernel's name of this thread (its comm), as the JVM names its compiler threads.
        ctypes.CDLL(None).prctl(PR_SET_NAME, b"C2 CompilerThre", 0, 0, 0)
        until = time.process_time() + 0.3
        while time.process_time() < until:
            pass
        done.wait()

    worker = threading.Thread(target=busy)
    worker.start()
    try:
        time.sleep(0.6)
        assert threads_cpu_seconds(os.getpid(), ("C2 CompilerThre",)) >= 0.2
        assert threads_cpu_seconds(os.getpid(), ("C1 CompilerThre",)) == 0.0
    finally:
        done.set()
        worker.join()
    assert threads_cpu_seconds(10**9, ("C2",)) == 0.0  # no such process
