#!/usr/bin/env bash
# Pipeline benchmark: parse + harmonise + enrich 2M Shadowserver scan_rdp lines against the 1M-prefix constituency
# of LookupBenchmark, one core (taskset -c 0), 256 MB heap.
# Usage: bench/pipeline.sh   (MVN_FLAGS defaults to "-o -q": set MVN_FLAGS=-q when ~/.m2 lacks something;
#                           JAVA_OPTS adds JVM options, e.g. JAVA_OPTS=-Xlog:gc)
set -euo pipefail
cd "$(dirname "$0")/.."

MVN_FLAGS=${MVN_FLAGS:--o -q}
./mvnw $MVN_FLAGS -Pbench test-compile
./mvnw $MVN_FLAGS dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile=target/bench-classpath.txt

exec taskset -c 0 java -Xms256m -Xmx256m ${JAVA_OPTS:-} \
    -cp "target/classes:target/test-classes:$(cat target/bench-classpath.txt)" \
    org.opencirt.bench.PipelineBenchmark "$@"
