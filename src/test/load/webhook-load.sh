#!/usr/bin/env bash
# Load of the Notion webhook endpoint: starts a fresh sandbox, captures a webhook key by handshake,
# posts signed deliveries with WebhookLoad and, in the same run, the bare liveness probe as a
# baseline; prints both, then stops the sandbox.
#
#   bash src/test/load/webhook-load.sh [--deliveries N] [--concurrency N]
#
# Defaults: 5000 deliveries (and as many baseline GETs), 50 concurrent senders.
set -euo pipefail
cd "$(dirname "$0")/../../.."
rate="${SANDBOX_NOTION_RATE:-}"
budget="${NOTION_RATE_LIMIT_REQUESTS_PER_SECOND:-3}"
tool_args=("$@")
source "src/test/load/sandbox-lib.sh"

echo "== Running WebhookLoad ${tool_args[*]:-}"
status=0
java -cp "${classpath}" io.fynedesk.connector.load.WebhookLoad --env target/sandbox/sandbox.env "${tool_args[@]}" \
  || status=$?
exit "${status}"
