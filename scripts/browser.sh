#!/usr/bin/env bash
# What the browser tests (tests/web) need, installed from the package registries, never at test time:
# Debian's chromium (Playwright drives it by executable_path; no browser is downloaded) and axe-core
# from the npm registry, which the tests inject into each page to check its accessibility.
# Prints nothing when both are in place. Where they cannot be installed the tests skip saying why
# (and fail under CI=true).
set -euo pipefail
cd "$(dirname "$0")/.."

AXE_VERSION=4.14.1
AXE_DIR=.cache/axe-core

if ! command -v chromium > /dev/null; then
    echo "installing chromium from apt ..." >&2
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-dejavu-core > /dev/null
fi

if [ ! -f "$AXE_DIR/node_modules/axe-core/axe.min.js" ] ||
   ! grep -q "\"version\": \"$AXE_VERSION\"" "$AXE_DIR/node_modules/axe-core/package.json"; then
    echo "installing axe-core $AXE_VERSION from the npm registry ..." >&2
    mkdir -p "$AXE_DIR"
    npm install --silent --no-audit --no-fund --prefix "$AXE_DIR" "axe-core@$AXE_VERSION" > /dev/null
fi
