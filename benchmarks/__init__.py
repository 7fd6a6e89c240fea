"""newsflow's benchmarks; scripts run with `python -m benchmarks.<name>`, never part of the test run.

The pipeline benchmark (issue 6) is `newsflow bench` / `python -m benchmarks.pipeline_bench`; see README.md.
"""
