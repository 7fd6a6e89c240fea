#!/usr/bin/env bash
# Fetches and builds the tools that check deploy/k8s offline, and the JSON schemas
# of the custom resources it uses, into .cache/k8s-tools (git-ignored):
#
#   .cache/k8s-tools/bin/kustomize     renders the overlays (kustomize build)
#   .cache/k8s-tools/bin/kubeconform   validates the rendered objects (-strict)
#   .cache/k8s-tools/bin/promtool      checks/tests the alerting and recording rules
#   .cache/k8s-tools/crds/             the CustomResourceDefinitions, as fetched
#   .cache/k8s-tools/schemas/GROUP/KIND_VERSION.json   made from those CRDs
#
# Why this way: this project's machines and CI reach package registries only (the
# Go module proxy, Maven Central, PyPI, ...), never GitHub release downloads or a
# container registry. So the three tools are built from source with `go install
# module@version` (the Go module proxy), and the CRDs come from packages:
#   KEDA ScaledObject, TriggerAuthentication (keda.sh/v1alpha1):
#       Go module github.com/kedacore/keda/v2, config/crd/bases/keda.sh_*.yaml
#   ServiceMonitor, PrometheusRule (monitoring.coreos.com/v1):
#       Go module github.com/prometheus-operator/prometheus-operator,
#       example/prometheus-operator-crd/monitoring.coreos.com_*.yaml
#   Strimzi KafkaTopic (kafka.strimzi.io/v1, the API of Strimzi 0.49 and later, the only
#       one from 1.0): Strimzi publishes no CRD YAML in a package, so it is generated the
#       way Strimzi's own build does it: io.strimzi:crd-generator (CrdGenerator) run on
#       the classes of the Maven artifact io.strimzi:api. The generator is built for
#       Java 21+: a JDK 21+ is looked for (JAVA_HOME, java on PATH, /usr/lib/jvm/*);
#       Maven itself may run on any Java.
# The CRDs are turned into JSON schemas by kubeconform's own
# scripts/openapi2jsonschema.py (from the kubeconform module; needs Python 3 with
# PyYAML: .venv after scripts/setup.sh, or python3), with
# DENY_ROOT_ADDITIONAL_PROPERTIES=1 so a misspelled top-level key fails too.
#
# Use (paths from the repo root; built-in kinds have no schema offline, so
# -ignore-missing-schemas or -skip them):
#   .cache/k8s-tools/bin/kustomize build deploy/k8s/... |
#     .cache/k8s-tools/bin/kubeconform -strict -summary -ignore-missing-schemas \
#       -schema-location '.cache/k8s-tools/schemas/{{ .Group }}/{{ .ResourceKind }}_{{ .ResourceAPIVersion }}.json' -
#   .cache/k8s-tools/bin/promtool check rules FILE   (a plain `groups:` file: the
#       `spec` of a PrometheusRule, not the object itself)
#
# Idempotent: a tool or the schema set is redone only when missing or when its
# pinned version below changed (a stamp file records what was built); a second run
# takes about a second. Go's module and build caches are the usual ones (go env
# GOMODCACHE / GOCACHE, overridable as usual) so that another clone on the same
# machine, such as CI's, rebuilds in seconds; Maven uses ~/.m2 likewise. The first
# run takes minutes, most of it promtool (about 4 minutes on 2 cores with a cold
# Go cache). Exits non-zero, saying what, when something cannot be fetched or built.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

# Pinned versions. Each must work with the Go on the machine (1.26): newer ones
# that need Go 1.27 are noted.
KUSTOMIZE_VERSION=v5.8.2             # sigs.k8s.io/kustomize/kustomize/v5 (v5.8.3 needs Go 1.27)
KUBECONFORM_VERSION=v0.8.0           # github.com/yannh/kubeconform
PROMETHEUS_VERSION=v0.316.0          # github.com/prometheus/prometheus (Go module version of Prometheus 3.16.0)
PROMTOOL_TAGS=remove_all_sd          # leave out the service-discovery plugins: not needed for rules,
                                     # builds in ~60% of the time; empty it for `promtool check config`
                                     # on a config that uses *_sd_configs
KEDA_VERSION=v2.20.2                 # github.com/kedacore/keda/v2 (v2.21.x needs Go 1.27.4)
PROMETHEUS_OPERATOR_VERSION=v0.85.0  # github.com/prometheus-operator/prometheus-operator (the only version the proxy serves)
STRIMZI_VERSION=1.2.0                # io.strimzi:api for KafkaTopic v1
STRIMZI_CRD_GENERATOR_VERSION=1.2.0  # io.strimzi:crd-generator
MAVEN_DEPENDENCY_PLUGIN=org.apache.maven.plugins:maven-dependency-plugin:3.6.1

TOOLS=$ROOT/.cache/k8s-tools
BIN=$TOOLS/bin
SCHEMAS=$TOOLS/schemas
CRDS=$TOOLS/crds

die() { echo "k8s-tools: $*" >&2; exit 1; }
now() { date +%s; }
report() { printf '%-12s %-22s %s\n' "$1" "$2" "$3"; }

mkdir -p "$BIN"
# One run at a time (tests may call this in parallel).
exec 9>"$TOOLS/.lock"
flock 9

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

command -v go >/dev/null || die "go is not installed: needed to build kustomize, kubeconform and promtool (Go >= 1.26)"
# Outside any module or workspace, whatever the caller's GOFLAGS say.
export GOWORK=off GOFLAGS="-mod=mod -buildvcs=false" GOBIN=$BIN

stamp_ok() { [ -f "$1" ] && [ "$(cat "$1")" = "$2" ]; }

# go_tool NAME PACKAGE VERSION [go install flags...]
go_tool() {
    local name=$1 pkg=$2 version=$3
    shift 3
    local stamp="$BIN/.$name.stamp" want="$pkg@$version $*" start
    start=$(now)
    if [ -x "$BIN/$name" ] && stamp_ok "$stamp" "$want"; then
        report "$name" "$version" "cached ($(($(now) - start))s)"
        return
    fi
    rm -f "$stamp"
    if ! (cd "$WORK" && go install -trimpath "$@" "$pkg@$version") >"$WORK/$name.log" 2>&1; then
        tail -n 30 "$WORK/$name.log" >&2
        die "could not fetch or build $name ($pkg@$version) from the Go module proxy ($(go env GOPROXY))"
    fi
    echo "$want" >"$stamp"
    report "$name" "$version" "built in $(($(now) - start))s"
}

go_tool kustomize sigs.k8s.io/kustomize/kustomize/v5 "$KUSTOMIZE_VERSION" \
    -ldflags "-s -w"
go_tool kubeconform github.com/yannh/kubeconform/cmd/kubeconform "$KUBECONFORM_VERSION" \
    -ldflags "-s -w -X main.version=$KUBECONFORM_VERSION"
go_tool promtool github.com/prometheus/prometheus/cmd/promtool "$PROMETHEUS_VERSION" \
    -tags "$PROMTOOL_TAGS" -ldflags "-s -w -X github.com/prometheus/common/version.Version=$PROMETHEUS_VERSION"

# ---- CRDs and their JSON schemas -------------------------------------------------
start=$(now)
schemas_id="keda=$KEDA_VERSION prometheus-operator=$PROMETHEUS_OPERATOR_VERSION strimzi=$STRIMZI_VERSION generator=$STRIMZI_CRD_GENERATOR_VERSION kubeconform=$KUBECONFORM_VERSION"
if [ -d "$SCHEMAS" ] && stamp_ok "$SCHEMAS/.stamp" "$schemas_id"; then
    report schemas "" "cached ($(($(now) - start))s)"
    exit 0
fi

PYTHON=""
for p in "$ROOT/.venv/bin/python" python3; do
    if command -v "$p" >/dev/null && "$p" -c 'import yaml' 2>/dev/null; then
        PYTHON=$p
        break
    fi
done
[ -n "$PYTHON" ] || die "Python 3 with PyYAML is needed to convert the CRDs: run scripts/setup.sh (or pip install pyyaml)"

# go_module_dir MODULE VERSION: downloads a module zip and prints its directory.
go_module_dir() {
    local out
    if ! out=$(cd "$WORK" && go mod download -json "$1@$2" 2>&1); then
        echo "$out" >&2
        die "could not fetch the Go module $1@$2 from the Go module proxy ($(go env GOPROXY))"
    fi
    "$PYTHON" -c 'import json, sys; d = json.loads(sys.argv[1]); print(d["Dir"])' "$out"
}

need_file() { [ -f "$1" ] || die "$2 not found where expected: $1"; }

crds=$WORK/crds
mkdir -p "$crds"

keda=$(go_module_dir github.com/kedacore/keda/v2 "$KEDA_VERSION")
for f in keda.sh_scaledobjects.yaml keda.sh_triggerauthentications.yaml; do
    need_file "$keda/config/crd/bases/$f" "KEDA CRD"
    install -m 0644 "$keda/config/crd/bases/$f" "$crds/"
done

promop=$(go_module_dir github.com/prometheus-operator/prometheus-operator "$PROMETHEUS_OPERATOR_VERSION")
for f in monitoring.coreos.com_servicemonitors.yaml monitoring.coreos.com_prometheusrules.yaml; do
    need_file "$promop/example/prometheus-operator-crd/$f" "Prometheus operator CRD"
    install -m 0644 "$promop/example/prometheus-operator-crd/$f" "$crds/"
done

kubeconform_dir=$(go_module_dir github.com/yannh/kubeconform "$KUBECONFORM_VERSION")
openapi2jsonschema=$kubeconform_dir/scripts/openapi2jsonschema.py
need_file "$openapi2jsonschema" "kubeconform's openapi2jsonschema.py"

# Strimzi: a JDK 21+ runs io.strimzi's CrdGenerator on the io.strimzi:api classes.
command -v mvn >/dev/null || die "mvn (Maven) is not installed: needed to fetch Strimzi's io.strimzi:api from Maven Central"
JAVA=""
for j in "${JAVA_HOME:+$JAVA_HOME/bin/java}" "$(command -v java || true)" /usr/lib/jvm/*/bin/java; do
    if [ -z "$j" ] || [ ! -x "$j" ]; then continue; fi
    major=$("$j" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
    if [ "${major%%.*}" -ge 21 ] 2>/dev/null; then
        JAVA=$j
        break
    fi
done
[ -n "$JAVA" ] || die "a JDK 21 or newer is needed to run Strimzi's CRD generator (set JAVA_HOME); found none"

# strimzi_crd API_VERSION CRD_VERSION OUT: writes the KafkaTopic CRD with that one version.
strimzi_crd() {
    local api=$1 version=$2 out=$3 dir=$WORK/strimzi-$1
    mkdir -p "$dir"
    cat >"$dir/pom.xml" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.newsflow</groupId>
  <artifactId>strimzi-crds</artifactId>
  <version>0</version>
  <dependencies>
    <dependency><groupId>io.strimzi</groupId><artifactId>api</artifactId><version>$api</version></dependency>
    <dependency><groupId>io.strimzi</groupId><artifactId>crd-generator</artifactId><version>$STRIMZI_CRD_GENERATOR_VERSION</version></dependency>
  </dependencies>
</project>
EOF
    if ! mvn -q -B -f "$dir/pom.xml" "$MAVEN_DEPENDENCY_PLUGIN:build-classpath" \
        -Dmdep.outputFile="$dir/classpath.txt" >"$dir/mvn.log" 2>&1; then
        tail -n 30 "$dir/mvn.log" >&2
        die "could not fetch io.strimzi:api:$api and io.strimzi:crd-generator:$STRIMZI_CRD_GENERATOR_VERSION from Maven Central"
    fi
    if ! "$JAVA" -cp "$(cat "$dir/classpath.txt")" io.strimzi.crdgenerator.CrdGenerator \
        --target-kube 1.16+ --crd-api-version v1 \
        --api-versions "$version" --storage-version "$version" \
        --yaml "io.strimzi.api.kafka.model.topic.KafkaTopic=$out" >"$dir/gen.log" 2>&1; then
        tail -n 30 "$dir/gen.log" >&2
        die "Strimzi's CrdGenerator failed on io.strimzi:api:$api (KafkaTopic $version)"
    fi
    need_file "$out" "generated KafkaTopic CRD"
}
strimzi_crd "$STRIMZI_VERSION" v1 "$crds/kafka.strimzi.io_kafkatopics_v1.yaml"

# GROUP/KIND_VERSION.json, lower case (kubeconform lowercases .ResourceKind).
new=$WORK/schemas
for crd in "$crds"/*.yaml; do
    group=$("$PYTHON" -c 'import sys, yaml; print(yaml.safe_load(open(sys.argv[1]))["spec"]["group"])' "$crd")
    mkdir -p "$new/$group"
    if ! (cd "$new/$group" && DENY_ROOT_ADDITIONAL_PROPERTIES=1 FILENAME_FORMAT='{kind}_{version}' \
        "$PYTHON" "$openapi2jsonschema" "$crd") >"$WORK/convert.log" 2>&1; then
        cat "$WORK/convert.log" >&2
        die "openapi2jsonschema.py failed on $(basename "$crd")"
    fi
done
for f in keda.sh/scaledobject_v1alpha1 keda.sh/triggerauthentication_v1alpha1 \
    monitoring.coreos.com/servicemonitor_v1 monitoring.coreos.com/prometheusrule_v1 \
    kafka.strimzi.io/kafkatopic_v1; do
    need_file "$new/$f.json" "JSON schema"
done
echo "$schemas_id" >"$new/.stamp"

rm -rf "$SCHEMAS" "$CRDS"
mv "$crds" "$CRDS"
mv "$new" "$SCHEMAS"
report schemas "" "made in $(($(now) - start))s ($(cd "$SCHEMAS" && find . -name '*.json' | sort | sed 's#^\./##' | paste -sd ' '))"
