#!/usr/bin/env bash
# Store benchmark: 2M Shadowserver scan_rdp lines from a file, parsed, enriched against the 1M-prefix constituency
# and stored in PostgreSQL with COPY and checkpointed commits, wall clock, both cores (the server uses one).
# Needs PostgreSQL at 127.0.0.1:5432/test as postgres (BENCH_DATABASE_URL/_USER/_PASSWORD to change); a fresh schema
# is created and dropped. Usage: bench/store.sh [commit-events]   (MVN_FLAGS defaults to "-o -q")
set -euo pipefail
cd "$(dirname "$0")/.."

MVN_FLAGS=${MVN_FLAGS:--o -q}
./mvnw $MVN_FLAGS -Pbench test-compile
./mvnw $MVN_FLAGS dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile=target/bench-classpath.txt

exec java -Xms1g -Xmx1g ${JAVA_OPTS:-} \
    -cp "target/classes:target/test-classes:$(cat target/bench-classpath.txt)" \
    org.opencirt.bench.StoreBenchmark "$@"
