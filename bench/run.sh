#!/usr/bin/env bash
# Compiles the benchmarks and runs one on one core (taskset -c 0) with a 256 MB heap: what the scripts of the
# benchmarks share. Usage: bench/run.sh <main class> [arguments]
#   MVN_FLAGS defaults to "-o -q" (set MVN_FLAGS=-q when ~/.m2 lacks something);
#   JAVA_OPTS adds JVM options, e.g. JAVA_OPTS=-Xlog:gc (a later -Xmx wins over the 256 MB)
set -euo pipefail
cd "$(dirname "$0")/.."

MVN_FLAGS=${MVN_FLAGS:--o -q}
./mvnw $MVN_FLAGS -Pbench test-compile
./mvnw $MVN_FLAGS dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile=target/bench-classpath.txt

main=${1:?usage: bench/run.sh <main class> [arguments]}
shift
exec taskset -c 0 java -Xms256m -Xmx256m ${JAVA_OPTS:-} \
    -cp "target/classes:target/test-classes:$(cat target/bench-classpath.txt)" \
    "$main" "$@"
