#!/usr/bin/env bash
# Resolves a real Apache Kafka broker's jars from Maven Central into .cache/kafka-libs
# (deploy/local-kafka/pom.xml says which). Needs Java 17 and Maven; a second run downloads nothing.
set -euo pipefail
cd "$(dirname "$0")/.."

libs=${NEWSFLOW_KAFKA_LIBS:-$PWD/.cache/kafka-libs}
if compgen -G "$libs/kafka_2.13-*.jar" > /dev/null && compgen -G "$libs/kafka-tools-[0-9]*.jar" > /dev/null; then
    exit 0
fi
echo "fetching the Kafka broker jars into $libs ..." >&2
mkdir -p "$libs"
mvn -B -q -f deploy/local-kafka/pom.xml \
    org.apache.maven.plugins:maven-dependency-plugin:3.6.1:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$libs"
