#!/bin/sh
# The part of Kafka's kafka-run-class.sh the stand-in needs: a class run with the jars in libs/.
# Tools start a small, quick JVM (health checks run one every few seconds); KAFKA_HEAP_OPTS,
# KAFKA_JVM_PERFORMANCE_OPTS and KAFKA_OPTS override, as in Kafka's own script.
exec java ${KAFKA_HEAP_OPTS:--Xmx256m} \
    ${KAFKA_JVM_PERFORMANCE_OPTS:--XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Djava.awt.headless=true} \
    ${KAFKA_OPTS:-} -Dorg.slf4j.simpleLogger.defaultLogLevel="${KAFKA_TOOLS_LOG_LEVEL:-warn}" \
    -cp '/opt/kafka/libs/*' "$@"
