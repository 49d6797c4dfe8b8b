#!/usr/bin/env bash
# Pipeline benchmark: parse + harmonise + enrich 2M Shadowserver scan_rdp lines against the 1M-prefix constituency
# of LookupBenchmark, one core (taskset -c 0), 256 MB heap.
# Usage: bench/pipeline.sh   (MVN_FLAGS defaults to "-o -q": set MVN_FLAGS=-q when ~/.m2 lacks something;
#                           JAVA_OPTS adds JVM options, e.g. JAVA_OPTS=-Xlog:gc)
exec "$(dirname "$0")/run.sh" org.opencirt.bench.PipelineBenchmark "$@"
