#!/usr/bin/env bash
# Creates .venv and installs every package of the repo (editable) with the pinned
# versions in constraints.txt. Idempotent: does nothing when already up to date.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-$(command -v python3.11 || command -v python3)}
"$PYTHON" -c 'import sys; assert sys.version_info >= (3, 11), "newsflow needs Python 3.11+"'

if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi

stamp=.venv/.newsflow-installed
if [ -f "$stamp" ] && [ -z "$(find pyproject.toml shared/pyproject.toml services/*/pyproject.toml constraints.txt -newer "$stamp" 2>/dev/null)" ]; then
    exit 0
fi

echo "installing newsflow and its dependencies into .venv ..." >&2
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet --constraint constraints.txt \
    -e shared -e services/ingest -e services/parse -e services/enrich -e services/store -e ".[all,dev]"
touch "$stamp"
