#!/usr/bin/env bash
# The console's KPI queries on 1,000,000 generated tickets in PostgreSQL (docs/console-benchmark.md).
#   bench/console-kpi/kpi-bench.sh setup     schema console_bench from the hub's migrations V1..V16, the data
#                                            (generate.sql), then V17 (ticket_kpi and its backfill) and V18 (the
#                                            deadlines in ticket_kpi), timed, then the later migrations
#   bench/console-kpi/kpi-bench.sh measure   20 runs of each query (queries.sql), p50 / p95 / max, and the plans
# PSQL defaults to psql -h 127.0.0.1 -U postgres -d test (the machine's test database); RUNS (20) and QUERIES (all
# of queries.sql) narrow a run.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
migrations="$here/../../hub/src/main/resources/db/migration"
PSQL=${PSQL:-"psql -h 127.0.0.1 -U postgres -d test -v ON_ERROR_STOP=1 -q"}
RUNS=${RUNS:-20}
QUERIES=${QUERIES:-"created per_day backlog durations durations_region failures dead_letters engineer_load top_parts sla satisfaction"}
export PGOPTIONS="-c search_path=console_bench"

case "${1:-}" in
setup)
  $PSQL -c "drop schema if exists console_bench cascade" -c "create schema console_bench"
  for f in $(ls "$migrations"/V*.sql | sort -V); do
    v=$(basename "$f" | sed 's/^V\([0-9]*\).*/\1/')
    [ "$v" -ge 17 ] && continue
    $PSQL -f "$f"
  done
  $PSQL -f "$here/generate.sql"
  for f in $(ls "$migrations"/V*.sql | sort -V); do
    v=$(basename "$f" | sed 's/^V\([0-9]*\).*/\1/')
    [ "$v" -ge 17 ] || continue
    echo "$(basename "$f") (timed):"
    { echo '\timing on'; cat "$f"; } | $PSQL | grep '^Time'
  done
  # as autovacuum would after the bulk writes: statistics, and the visibility map the index-only scans need
  $PSQL -c "vacuum (analyze) ticket_kpi"
  $PSQL -c "select (select count(*) from ticket) tickets, (select count(*) from status_history) history,
            (select count(*) from ticket_kpi) kpi_rows, (select count(*) from ticket_kpi where reopened) reopened"
  ;;
measure)
  bounds="(current_date - 29)::timestamptz, (current_date + 1)::timestamptz"
  script=$(mktemp)
  { cat "$here/queries.sql"; echo '\timing on'
    for q in $QUERIES; do
      case $q in
        backlog|dead_letters|engineer_load) args="" ;;
        durations_region) args="($bounds, '华东')" ;;
        sla) args="($bounds, now())" ;;
        *) args="($bounds)" ;;
      esac
      for i in $(seq "$RUNS"); do echo "\\echo @ $q"; echo "execute $q$args;"; done
    done
    echo '\timing off'
    for q in ${PLANS:-durations backlog engineer_load sla satisfaction}; do
      case $q in durations|satisfaction) args="($bounds)" ;; sla) args="($bounds, now())" ;; *) args="" ;; esac
      echo "\\echo @plan $q"; echo "explain (analyze, buffers, costs off) execute $q$args;"
    done
  } > "$script"
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  $PSQL -f "$script" | python3 "$here/summarize.py"
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
  rm -f "$script"
  ;;
*) echo "usage: $0 setup|measure" >&2; exit 2 ;;
esac
