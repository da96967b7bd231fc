#!/usr/bin/env bash
# Load of the ticket → Notion hand-off: starts a fresh sandbox (connector + both simulators), posts
# signed ticket.created events with HandoffLoad, prints the figures and stops the sandbox.
#
#   bash src/test/load/handoff-load.sh [--rate off|N] [--budget N] [--events N] [--concurrency N]
#                                      [--timeout-seconds S]
#
#   --rate      Notion simulator rate limit (SANDBOX_NOTION_RATE): off, or requests/s (burst 3 s worth).
#               Default: the simulator's default, 3/s with a burst of 9.
#   --budget    The connector's Notion budget (NOTION_RATE_LIMIT_REQUESTS_PER_SECOND). Default 3.
#   --events    ticket.created events to post (default 2000); --concurrency senders (default 16).
#
# Ports: SANDBOX_PORT (8080), SANDBOX_NOTION_PORT (8090), SANDBOX_FYNEDESK_PORT (8091).
# Each run deletes target/sandbox/connector* first, so runs start from an empty database.
set -euo pipefail
cd "$(dirname "$0")/../../.."

rate="${SANDBOX_NOTION_RATE:-}"
budget="${NOTION_RATE_LIMIT_REQUESTS_PER_SECOND:-3}"
tool_args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rate) rate="$2"; shift 2 ;;
    --budget) budget="$2"; shift 2 ;;
    --events|--concurrency|--timeout-seconds) tool_args+=("$1" "$2"); shift 2 ;;
    *) echo "unknown argument $1 (see the header of $0)" >&2; exit 2 ;;
  esac
done

port="${SANDBOX_PORT:-8080}"
connector="http://127.0.0.1:${port}"
if curl -fsS -o /dev/null --max-time 2 "${connector}/actuator/health/readiness" 2>/dev/null; then
  echo "Something already answers on ${connector}: stop it or set SANDBOX_PORT" >&2
  exit 1
fi

echo "== Building test classes and the test classpath"
mkdir -p target/load
mvn -B -q test-compile
mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/load/classpath.txt
classpath="target/test-classes:target/classes:$(cat target/load/classpath.txt)"

echo "== Starting a fresh sandbox (Notion simulator rate limit: ${rate:-default}, connector budget: ${budget} req/s)"
rm -rf target/sandbox/connector* target/sandbox/sandbox.env
mkdir -p target/sandbox
log="target/load/sandbox-$(date +%Y%m%d-%H%M%S).log"
SANDBOX_NOTION_RATE="${rate}" NOTION_RATE_LIMIT_REQUESTS_PER_SECOND="${budget}" \
  java -cp "${classpath}" io.fynedesk.connector.sandbox.SandboxApplication >"${log}" 2>&1 &
sandbox_pid=$!

stop_sandbox() {
  if kill -0 "${sandbox_pid}" 2>/dev/null; then
    kill "${sandbox_pid}" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "${sandbox_pid}" 2>/dev/null || break; sleep 1; done
    kill -9 "${sandbox_pid}" 2>/dev/null || true
  fi
  wait "${sandbox_pid}" 2>/dev/null || true
  echo "== Sandbox stopped (log: ${log})"
}
trap stop_sandbox EXIT

for _ in $(seq 1 180); do
  if ! kill -0 "${sandbox_pid}" 2>/dev/null; then
    echo "The sandbox exited while starting; see ${log}" >&2
    tail -n 40 "${log}" >&2
    exit 1
  fi
  if [[ -s target/sandbox/sandbox.env ]] \
      && curl -fsS -o /dev/null --max-time 2 "${connector}/actuator/health/readiness" 2>/dev/null; then
    break
  fi
  sleep 1
done
curl -fsS --max-time 2 "${connector}/actuator/health/readiness" >/dev/null || { echo "Sandbox not ready after 180 s" >&2; exit 1; }
echo "== Sandbox ready: ${connector}"

echo "== Running HandoffLoad ${tool_args[*]:-}"
status=0
java -cp "${classpath}" io.fynedesk.connector.load.HandoffLoad --env target/sandbox/sandbox.env "${tool_args[@]}" \
  || status=$?
exit "${status}"
