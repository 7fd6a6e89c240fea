#!/usr/bin/env bash
# Makes sure PostgreSQL server binaries are installed (Debian's package); the tests
# start and stop their own server from them in a temporary folder.
set -euo pipefail

if compgen -G "/usr/lib/postgresql/*/bin/initdb" > /dev/null; then
    exit 0
fi
echo "installing PostgreSQL from apt ..." >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql > /dev/null
