#!/usr/bin/env bash
# README command 1: install, then run newsflow on its embedded default (one process,
# in-process bus, SQLite) at http://127.0.0.1:8000, posting the bundled sample articles.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
exec .venv/bin/newsflow up --samples "$@"
