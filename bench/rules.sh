#!/usr/bin/env bash
# Rule stage benchmark: the 2M-line scan_rdp report of the pipeline benchmark, parsed and enriched, then through a
# de-duplication rule (key source.ip, source.port; window 24h) whose ledger is PostgreSQL, twice: a first input (keys
# new) and the same report again (every event a repeat). No event store: the cost measured is the rule stage's.
# Needs PostgreSQL at 127.0.0.1:5432/test as postgres (BENCH_DATABASE_URL/_USER/_PASSWORD to change); a fresh schema
# is created and dropped. Usage: bench/rules.sh   (MVN_FLAGS defaults to "-o -q")
set -euo pipefail
cd "$(dirname "$0")/.."

MVN_FLAGS=${MVN_FLAGS:--o -q}
./mvnw $MVN_FLAGS -Pbench test-compile
./mvnw $MVN_FLAGS dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile=target/bench-classpath.txt

exec java -Xms512m -Xmx512m ${JAVA_OPTS:-} \
    -cp "target/classes:target/test-classes:$(cat target/bench-classpath.txt)" \
    org.opencirt.bench.RuleBenchmark "$@"
