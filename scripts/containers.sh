#!/usr/bin/env bash
# Builds newsflow's images with podman and runs docker-compose.yml with them, on a machine that
# reaches no image registry.
#
#   scripts/containers.sh setup      # podman, its bridge network (netavark, aardvark-dns) and mmdebstrap from apt, where missing
#   scripts/containers.sh build      # the base image, then newsflow-{ingest,parse,enrich,store}:dev
#   scripts/containers.sh standins   # local stand-ins for the apache/kafka and postgres images (deploy/standins)
#   scripts/containers.sh up         # build, standins, then the compose stack (podman-compose), until healthy
#   scripts/containers.sh down       # the stack stopped; its containers, network and volumes removed
#
# The Dockerfiles build FROM python:3.11-slim. With no registry, that base is made here from
# Debian's packages (mmdebstrap: python3, venv, python-is-python3, the CA certificates, plus the
# machine's own added CAs so that pip reaches PyPI from inside a build) and tagged under that
# name; builds run with --pull=never. Where a registry is reachable, `docker build` uses the
# official image instead and nothing here is needed.
#
# Kafka and PostgreSQL run from stand-in images (deploy/standins) built FROM debian:bookworm-slim,
# made the same way: Kafka from the jars of scripts/kafka-libs.sh, PostgreSQL from Debian's package.
# `up` points docker-compose.yml at them through NEWSFLOW_KAFKA_IMAGE and NEWSFLOW_POSTGRES_IMAGE
# (set those to run other images); plain `docker compose up` keeps the official ones.
#
# podman-compose (scripts/setup.sh installs it into .venv) cannot wait for a health check on
# podman 4.3, and podman runs none without systemd, so `up` orders the stack itself: kafka and
# postgres until `podman healthcheck run` passes, the topics job until it exits 0, then ingest,
# parse, enrich and store until their health checks pass. COMPOSE_PROJECT_NAME (default newsflow)
# and COMPOSE_FILE (default docker-compose.yml) choose the stack, as for docker compose;
# NEWSFLOW_STACK_TIMEOUT (s, default 300) bounds each wait.
#
# podman 4.3 (Debian bookworm) runs here with runc (crun refuses a hybrid cgroup layout) and
# the settings in .cache/containers/containers.conf (CONTAINERS_CONF): callers source
# `scripts/containers.sh env` to run podman the same way.
set -euo pipefail
cd "$(dirname "$0")/.."

STATE=${NEWSFLOW_CONTAINERS_STATE:-$PWD/.cache/containers}
BASE_IMAGE=docker.io/library/python:3.11-slim
DEBIAN_IMAGE=docker.io/library/debian:bookworm-slim
KAFKA_LIBS=${NEWSFLOW_KAFKA_LIBS:-$PWD/.cache/kafka-libs}
POSTGRES_STANDIN=localhost/newsflow-standin-postgres:bookworm
SERVICES=(ingest parse enrich store)
PROJECT=${COMPOSE_PROJECT_NAME:-newsflow}
TIMEOUT=${NEWSFLOW_STACK_TIMEOUT:-300}
export CONTAINERS_CONF="$STATE/containers.conf"

write_conf() {
    mkdir -p "$STATE"
    cat > "$CONTAINERS_CONF" <<'CONF'
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]

[engine]
cgroup_manager = "cgroupfs"
events_logger = "file"
runtime = "runc"

[network]
# a bridge per compose project, where containers find each other by service name (aardvark-dns)
network_backend = "netavark"
CONF
}

setup() {
    if command -v podman > /dev/null && command -v mmdebstrap > /dev/null && command -v runc > /dev/null \
        && [ -x /usr/lib/podman/netavark ] && [ -x /usr/lib/podman/aardvark-dns ]; then
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
    # netavark and aardvark-dns are only recommended by podman's packages; without them the
    # compose network has no DNS and the services cannot find kafka or postgres by name.
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq \
        podman buildah runc slirp4netns uidmap fuse-overlayfs netavark aardvark-dns iptables mmdebstrap > /dev/null
    write_conf
}

# debian_image NAME PACKAGES CMD: a bookworm image from Debian's packages, tagged NAME, unless it exists.
debian_image() {
    local image=$1 packages=$2 cmd=$3
    if podman image exists "$image"; then
        return
    fi
    echo "making $image from Debian packages (mmdebstrap) ..." >&2
    local started=$SECONDS tarball="$STATE/base.tar"
    # The machine's own CA certificates (a proxy's, a company's) go in, so HTTPS from inside a build
    # trusts what this machine trusts.
    mmdebstrap --quiet --variant=minbase --include="$packages" \
        --setup-hook='mkdir -p "$1/usr/local/share/ca-certificates"; for c in /usr/local/share/ca-certificates/*.crt; do [ -e "$c" ] && cp "$c" "$1/usr/local/share/ca-certificates/"; done; true' \
        --customize-hook='chroot "$1" update-ca-certificates > /dev/null' \
        bookworm "$tarball" http://deb.debian.org/debian
    podman import --quiet --change "CMD $cmd" "$tarball" "$image" > /dev/null
    rm -f "$tarball"
    echo "made $image in $((SECONDS - started)) s" >&2
}

build() {
    write_conf
    debian_image "$BASE_IMAGE" python3,python3-venv,python-is-python3,ca-certificates '["python3"]'
    for service in "${SERVICES[@]}"; do
        local started=$SECONDS
        # --format docker keeps HEALTHCHECK (the OCI format has no such field)
        podman build --quiet --pull=never --format docker -f "services/$service/Dockerfile" \
            -t "newsflow-$service:dev" . > /dev/null
        echo "built newsflow-$service:dev in $((SECONDS - started)) s" >&2
    done
}

kafka_standin() {
    local jar
    jar=$(compgen -G "$KAFKA_LIBS/kafka_2.13-*.jar" | head -n 1) || true
    local version=${jar##*/kafka_2.13-}
    echo "localhost/newsflow-standin-kafka:${version%.jar}"
}

standins() {
    write_conf
    NEWSFLOW_KAFKA_LIBS=$KAFKA_LIBS ./scripts/kafka-libs.sh
    debian_image "$DEBIAN_IMAGE" ca-certificates '["bash"]'
    # The repository's .dockerignore keeps .cache and deploy out of its context, so the Kafka
    # stand-in's context is put together from its folder and the jars.
    local context="$STATE/standins/kafka" started=$SECONDS
    rm -rf "$STATE/standins"
    mkdir -p "$context/libs"
    cp -R deploy/standins/kafka/. "$context/"
    cp "$KAFKA_LIBS"/*.jar "$context/libs/"
    podman build --quiet --pull=never --format docker -t "$(kafka_standin)" "$context" > /dev/null
    rm -rf "$STATE/standins"
    echo "built $(kafka_standin) in $((SECONDS - started)) s" >&2
    started=$SECONDS
    podman build --quiet --pull=never --format docker -t "$POSTGRES_STANDIN" deploy/standins/postgres > /dev/null
    echo "built $POSTGRES_STANDIN in $((SECONDS - started)) s" >&2
}

podman_compose() {
    local bin=.venv/bin/podman-compose
    if [ ! -x "$bin" ]; then
        bin=$(command -v podman-compose) || {
            echo "containers.sh: no podman-compose (scripts/setup.sh installs it into .venv)" >&2
            exit 3
        }
    fi
    # Its output (every podman command it runs) goes to a log, shown when something fails.
    if ! "$bin" --in-pod=false -p "$PROJECT" "$@" >> "$STATE/compose-$PROJECT.log" 2>&1; then
        echo "podman-compose $* failed:" >&2
        tail -n 30 "$STATE/compose-$PROJECT.log" >&2
        return 1
    fi
}

# The containers of the given compose services in this project (every replica).
containers_of() {
    for service in "$@"; do
        podman ps --all --format '{{.Names}}' --filter "label=io.podman.compose.project=$PROJECT" \
            --filter "label=com.docker.compose.service=$service"
    done
}

show_logs() {
    for name in "$@"; do
        echo "--- $name" >&2
        podman logs --tail 30 "$name" 2>&1 | cut -c 1-400 >&2 || true
    done
}

# until_healthy SERVICE...: every container of the services passes `podman healthcheck run`.
until_healthy() {
    local started=$SECONDS waiting name
    mapfile -t waiting < <(containers_of "$@")
    if [ "${#waiting[@]}" -eq 0 ]; then
        echo "containers.sh: no containers for $*" >&2
        return 1
    fi
    while [ "${#waiting[@]}" -gt 0 ]; do
        local still=()
        for name in "${waiting[@]}"; do
            if podman healthcheck run "$name" > /dev/null 2>&1; then
                echo "$name healthy after $((SECONDS - started)) s" >&2
            elif [ "$(podman inspect --format '{{.State.Running}}' "$name")" != true ]; then
                echo "containers.sh: $name stopped before it was healthy" >&2
                show_logs "$name"
                return 1
            else
                still+=("$name")
            fi
        done
        waiting=("${still[@]+"${still[@]}"}")
        if [ "${#waiting[@]}" -gt 0 ]; then
            if [ $((SECONDS - started)) -ge "$TIMEOUT" ]; then
                echo "containers.sh: not healthy after $TIMEOUT s: ${waiting[*]}" >&2
                show_logs "${waiting[@]}"
                return 1
            fi
            sleep 2
        fi
    done
}

# until_done SERVICE: its one-shot container exited 0.
until_done() {
    local name code started=$SECONDS
    name=$(containers_of "$1" | head -n 1)
    code=$(timeout "$TIMEOUT" podman wait "$name") || code="timed out"
    if [ "$code" != 0 ]; then
        echo "containers.sh: $name exited $code" >&2
        show_logs "$name"
        return 1
    fi
    echo "$name done after $((SECONDS - started)) s" >&2
}

up() {
    build
    if [ -z "${NEWSFLOW_KAFKA_IMAGE:-}" ] || [ -z "${NEWSFLOW_POSTGRES_IMAGE:-}" ]; then
        standins
    fi
    export NEWSFLOW_KAFKA_IMAGE=${NEWSFLOW_KAFKA_IMAGE:-$(kafka_standin)}
    export NEWSFLOW_POSTGRES_IMAGE=${NEWSFLOW_POSTGRES_IMAGE:-$POSTGRES_STANDIN}
    local started=$SECONDS
    : > "$STATE/compose-$PROJECT.log"
    echo "starting the compose stack $PROJECT (Kafka $NEWSFLOW_KAFKA_IMAGE, PostgreSQL $NEWSFLOW_POSTGRES_IMAGE) ..." >&2
    podman_compose up --detach --no-deps kafka postgres
    until_healthy kafka postgres
    podman_compose up --detach --no-deps topics
    until_done topics
    podman_compose up --detach --no-deps "${SERVICES[@]}"
    until_healthy "${SERVICES[@]}"
    echo "stack $PROJECT ready in $((SECONDS - started)) s" >&2
}

down() {
    write_conf
    podman_compose down --volumes
    rm -f "$STATE/compose-$PROJECT.log"
}

case "${1:-}" in
    setup) setup ;;
    build) setup; build ;;
    standins) setup; standins ;;
    up) setup; up ;;
    down) down ;;
    env) write_conf; echo "export CONTAINERS_CONF=$CONTAINERS_CONF" ;;
    *) echo "usage: $0 setup|build|standins|up|down|env" >&2; exit 2 ;;
esac
