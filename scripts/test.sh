#!/usr/bin/env bash
# README command 2: install everything (Python packages, the Kafka broker jars, PostgreSQL, podman,
# the Kubernetes manifest tools) and run the test suite. Tests start and stop their own servers.
# Extra arguments go to pytest, e.g. ./scripts/test.sh -m "not integration".
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
./scripts/kafka-libs.sh
./scripts/postgres.sh
# podman for the container test (tests/containers); where it cannot be installed that test skips,
# saying why (and fails under CI=true).
./scripts/containers.sh setup || echo "podman unavailable: the container test will say why" >&2
# kustomize, kubeconform, promtool and the CRD schemas for tests/test_k8s_overlays.py, from the Go
# module proxy and Maven Central (minutes the first time on a machine, seconds after).
./scripts/k8s-tools.sh || echo "k8s tools unavailable: tests/test_k8s_overlays.py will say why" >&2
# Debian's chromium and axe-core (npm) for the browser tests (tests/web); where they cannot be
# installed those tests skip, saying why (and fail under CI=true).
./scripts/browser.sh || echo "chromium or axe-core unavailable: the browser tests will say why" >&2
export NEWSFLOW_KAFKA_LIBS=${NEWSFLOW_KAFKA_LIBS:-$PWD/.cache/kafka-libs}
exec .venv/bin/pytest "$@"
