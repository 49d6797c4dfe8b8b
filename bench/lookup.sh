#!/usr/bin/env bash
# Responsibility-lookup benchmark: 1M prefixes + ASNs + domains, one core (taskset -c 0), 256 MB heap.
# Usage: bench/lookup.sh   (MVN_FLAGS defaults to "-o -q": set MVN_FLAGS=-q when ~/.m2 lacks something;
#                           JAVA_OPTS adds JVM options, e.g. JAVA_OPTS=-Xlog:gc;
#                           --build-only stops after the build and heap figures)
exec "$(dirname "$0")/run.sh" org.opencirt.bench.LookupBenchmark "$@"
