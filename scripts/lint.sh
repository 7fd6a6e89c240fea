#!/usr/bin/env bash
# The lint and type gate (.ci/run runs it before the tests): ruff over the repository
# (ruff.toml), mypy over shared/ and every service's package. Needs scripts/setup.sh first.
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/ruff check .
.venv/bin/mypy --ignore-missing-imports --python-version 3.11 \
    shared/src services/ingest/src services/parse/src services/enrich/src services/store/src
