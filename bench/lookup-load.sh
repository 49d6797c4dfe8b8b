#!/usr/bin/env bash
# Responsibility-lookup load benchmark: fills schema bench_lookup in PostgreSQL (Flyway, then COPY) with 1M prefixes
# + ASNs + domains, times LookupIndexHolder.load (AssetRepository.streamAll, then ResponsibilityIndex.build) three
# times in a 256 MB heap on one core (taskset -c 0; the server gets the other), and drops the schema again.
# Usage: bench/lookup-load.sh   (server: BENCH_DATABASE_URL, default jdbc:postgresql://127.0.0.1:5432/test,
#                                BENCH_DATABASE_USER, default postgres, BENCH_DATABASE_PASSWORD;
#                                MVN_FLAGS and JAVA_OPTS as for bench/run.sh)
exec "$(dirname "$0")/run.sh" org.opencirt.bench.LookupLoadBenchmark "$@"
