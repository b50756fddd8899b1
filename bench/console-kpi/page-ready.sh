#!/usr/bin/env bash
# The dashboard's page-ready time in headless Chromium on the 1,000,000-ticket schema console_bench
# (docs/console-benchmark.md). Build the schema first: bench/console-kpi/kpi-bench.sh setup. The benchmark is the
# JUnit class DashboardPageReadyBench (not a test: surefire's verify never runs it); it starts the hub on a random
# port against that schema, signs in and loads the dashboard RUNS (10) times after a warm-up, and prints the table.
# Needs Debian's chromium and chromium-driver (as ConsoleBrowserTest). Niced like every build on the shared machine,
# so the times are pessimistic there.
set -euo pipefail
cd "$(dirname "$0")/../.."
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
log=$(mktemp)
nice -n 10 ./mvnw -B -o -q -pl hub -am test -Dtest=DashboardPageReadyBench -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.runs="${RUNS:-10}" > "$log" 2>&1 || { tail -50 "$log"; exit 1; }
rm -f "$log"
# the test's standard output is in its surefire report
grep -E '^(run |PAGE-READY|\|)' hub/target/surefire-reports/org.aftersaleshub.console.DashboardPageReadyBench-output.txt
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
