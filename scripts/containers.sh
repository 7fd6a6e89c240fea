#!/usr/bin/env bash
# Builds newsflow's four images with podman, on a machine that reaches no image registry.
#
#   scripts/containers.sh setup   # podman and mmdebstrap from apt (Debian), where missing
#   scripts/containers.sh build   # the base image, then newsflow-{ingest,parse,enrich,store}:dev
#
# The Dockerfiles build FROM python:3.11-slim. With no registry, that base is made here from
# Debian's packages (mmdebstrap: python3, venv, python-is-python3, the CA certificates, plus the
# machine's own added CAs so that pip reaches PyPI from inside a build) and tagged under that
# name; builds run with --pull=never. Where a registry is reachable, `docker build` uses the
# official image instead and nothing here is needed.
#
# podman 4.3 (Debian bookworm) runs here with runc (crun refuses a hybrid cgroup layout) and
# the settings in .cache/containers/containers.conf (CONTAINERS_CONF): callers source
# `scripts/containers.sh env` to run podman the same way.
set -euo pipefail
cd "$(dirname "$0")/.."

STATE=${NEWSFLOW_CONTAINERS_STATE:-$PWD/.cache/containers}
BASE_IMAGE=docker.io/library/python:3.11-slim
SERVICES=(ingest parse enrich store)
export CONTAINERS_CONF="$STATE/containers.conf"

write_conf() {
    mkdir -p "$STATE"
    cat > "$CONTAINERS_CONF" <<'EOF'
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]

[engine]
cgroup_manager = "cgroupfs"
events_logger = "file"
runtime = "runc"
EOF
}

setup() {
    if command -v podman > /dev/null && command -v mmdebstrap > /dev/null && command -v runc > /dev/null; then
        write_conf
        return
    fi
    if [ "$(id -u)" -ne 0 ] && ! command -v sudo > /dev/null; then
        echo "containers.sh: podman is missing and this user cannot install it" >&2
        exit 3
    fi
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
    echo "installing podman and mmdebstrap from apt ..." >&2
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq \
        podman buildah runc slirp4netns uidmap fuse-overlayfs mmdebstrap > /dev/null
    write_conf
}

base_image() {
    if podman image exists "$BASE_IMAGE"; then
        return
    fi
    echo "making $BASE_IMAGE from Debian packages (mmdebstrap) ..." >&2
    local tarball="$STATE/base.tar"
    # The machine's own CA certificates (a proxy's, a company's) go in, so HTTPS from inside a build
    # trusts what this machine trusts.
    mmdebstrap --quiet --variant=minbase \
        --include=python3,python3-venv,python-is-python3,ca-certificates \
        --setup-hook='mkdir -p "$1/usr/local/share/ca-certificates"; for c in /usr/local/share/ca-certificates/*.crt; do [ -e "$c" ] && cp "$c" "$1/usr/local/share/ca-certificates/"; done; true' \
        --customize-hook='chroot "$1" update-ca-certificates > /dev/null' \
        bookworm "$tarball" http://deb.debian.org/debian
    podman import --quiet --change 'CMD ["python3"]' "$tarball" "$BASE_IMAGE" > /dev/null
    rm -f "$tarball"
}

build() {
    write_conf
    base_image
    for service in "${SERVICES[@]}"; do
        local started=$SECONDS
        # --format docker keeps HEALTHCHECK (the OCI format has no such field)
        podman build --quiet --pull=never --format docker -f "services/$service/Dockerfile" \
            -t "newsflow-$service:dev" . > /dev/null
        echo "built newsflow-$service:dev in $((SECONDS - started)) s" >&2
    done
}

case "${1:-}" in
    setup) setup ;;
    build) setup; build ;;
    env) write_conf; echo "export CONTAINERS_CONF=$CONTAINERS_CONF" ;;
    *) echo "usage: $0 setup|build|env" >&2; exit 2 ;;
esac
