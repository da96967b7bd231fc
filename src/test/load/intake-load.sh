#!/usr/bin/env bash
# Intake throughput: starts a fresh sandbox, posts signed ticket.created events for an org without a
# Notion connection with IntakeLoad (16 keep-alive senders) and, in the same run from the same
# senders, bare GET /actuator/health/liveness as the baseline; each round starts once the inbox is
# idle (no pending or processing event), so the work an intake round leaves behind is not measured
# against the next bare round; prints both, their ratios and that tail, then stops the sandbox.
#
#   bash src/test/load/intake-load.sh [--postgres DB] [--events N] [--concurrency N] [--rounds N] [--warmup N]
#
#   --postgres DB  run the sandbox on PostgreSQL (127.0.0.1:5432, user postgres, trust): the database
#                  DB is dropped and created afresh. Default: the sandbox's embedded H2 file database.
#   --events N     events (and as many baseline GETs) measured, after the warm-up (4000)
#   --warmup N     events and GETs sent first and not counted, for the JIT and the caches (2000); with
#                  10000 the figures are the steady state (on this machine the JIT compiler still takes
#                  a large share of the CPU during the first few thousand requests)
#   --rounds N     intake and baseline alternate in N rounds, so both meet the same machine (3)
#
# Ports: SANDBOX_PORT (8080), SANDBOX_NOTION_PORT (8090), SANDBOX_FYNEDESK_PORT (8091).
set -euo pipefail
cd "$(dirname "$0")/../../.."
rate="${SANDBOX_NOTION_RATE:-}"
budget="${NOTION_RATE_LIMIT_REQUESTS_PER_SECOND:-3}"
tool_args=()
label="H2"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --postgres)
      label="PostgreSQL"
      dropdb -h 127.0.0.1 -U postgres --if-exists "$2"
      createdb -h 127.0.0.1 -U postgres "$2"
      export SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/$2"
      export SPRING_DATASOURCE_USERNAME=postgres SPRING_DATASOURCE_PASSWORD=""
      shift 2 ;;
    --events|--concurrency|--rounds|--warmup) tool_args+=("$1" "$2"); shift 2 ;;
    *) echo "unknown argument $1 (see the header of $0)" >&2; exit 2 ;;
  esac
done
# IntakeLoad waits for an idle inbox between rounds by the connector's inbox gauge: fresh every 200 ms.
export CONNECTOR_METRICS_GAUGECACHE="${CONNECTOR_METRICS_GAUGECACHE:-200ms}"
source "src/test/load/sandbox-lib.sh"

echo "== Running IntakeLoad on ${label} ${tool_args[*]:-}"
status=0
java -cp "${classpath}" io.fynedesk.connector.load.IntakeLoad --env target/sandbox/sandbox.env \
  --label "${label}" --server-pid "${sandbox_pid}" "${tool_args[@]}" || status=$?
exit "${status}"
