#!/usr/bin/env bash
# Incident list benchmark (issue 3, "Figures"): 1M incidents in PostgreSQL, then listing with filters and full-text
# search over real HTTP against the running application, as an analyst and as constituents.
#  1. creates database opencirt_bench on 127.0.0.1:5432 as postgres if it is missing (BENCH_FRESH=1 drops it first);
#  2. starts OpenCIRT on it (port 18474, 1 GB heap, demo country; Flyway migrates first), log in
#     target/bench-incidents-app.log;
#  3. IncidentGenerator fills it with COPY (1M incidents with organisations, recipients, observables, tasks; skipped
#     when they are already there, so later runs only query);
#  4. IncidentQueryBenchmark fires the query mix and prints p50/p95/p99 per kind; then the application is stopped.
# Usage: bench/incidents.sh [part of a query kind's name, to run only those]
#   BENCH_FRESH=1 regenerates; BENCH_INCIDENTS (1000000), BENCH_RUNS (200), BENCH_WARMUP (20), BENCH_PORT (18474),
#   BENCH_DATABASE (opencirt_bench), BENCH_HEAP (1g); MVN_FLAGS defaults to "-o -q".
set -euo pipefail
cd "$(dirname "$0")/.."

MVN_FLAGS=${MVN_FLAGS:--o -q}
database=${BENCH_DATABASE:-opencirt_bench}
port=${BENCH_PORT:-18474}
export BENCH_DATABASE_URL=jdbc:postgresql://127.0.0.1:5432/$database
export BENCH_URL=http://127.0.0.1:$port
export OPENCIRT_DEMO_PASSWORD=${OPENCIRT_DEMO_PASSWORD:-bench-password-2026}
psql=(psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -qAt -d postgres)

./mvnw $MVN_FLAGS -Pbench test-compile
./mvnw $MVN_FLAGS dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile=target/bench-classpath.txt
runtime="target/classes:$(cat target/bench-classpath.txt)"

if [[ ${BENCH_FRESH:-0} == 1 ]]; then
    "${psql[@]}" -c "drop database if exists $database"
    rm -rf target/bench-incidents-data
fi
if [[ -z $("${psql[@]}" -c "select 1 from pg_database where datname = '$database'") ]]; then
    "${psql[@]}" -c "create database $database"
fi

if curl -s -o /dev/null "$BENCH_URL"; then
    echo "port $port is taken by another process: set BENCH_PORT" >&2
    exit 1
fi
echo "starting OpenCIRT on $BENCH_DATABASE_URL, port $port (log: target/bench-incidents-app.log)"
SPRING_DATASOURCE_URL=$BENCH_DATABASE_URL SPRING_DATASOURCE_USERNAME=postgres SPRING_DATASOURCE_PASSWORD= \
    OPENCIRT_DATA_DIR=target/bench-incidents-data OPENCIRT_ADMIN_PASSWORD=$OPENCIRT_DEMO_PASSWORD PORT=$port \
    java -Xms${BENCH_HEAP:-1g} -Xmx${BENCH_HEAP:-1g} -cp "$runtime" org.opencirt.OpenCirtApplication \
    >target/bench-incidents-app.log 2>&1 &
app=$!
trap 'kill $app 2>/dev/null; wait $app 2>/dev/null || true' EXIT
started=$SECONDS
until curl -fs "$BENCH_URL/actuator/health" >/dev/null; do
    if ! kill -0 $app 2>/dev/null || ((SECONDS - started > 900)); then
        echo "OpenCIRT did not start; see target/bench-incidents-app.log" >&2
        tail -30 target/bench-incidents-app.log >&2
        exit 1
    fi
    sleep 2
done
echo "OpenCIRT up after $((SECONDS - started)) s (migrations included)"

java -Xmx1g -cp "target/test-classes:$runtime" org.opencirt.bench.IncidentGenerator
java -Xmx512m -cp "target/test-classes:$runtime" org.opencirt.bench.IncidentQueryBenchmark "$@"
