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

source "src/test/load/sandbox-lib.sh"

echo "== Running HandoffLoad ${tool_args[*]:-}"
status=0
java -cp "${classpath}" io.fynedesk.connector.load.HandoffLoad --env target/sandbox/sandbox.env "${tool_args[@]}" \
  || status=$?
exit "${status}"
