#!/usr/bin/env bash
# Status-sync latency after the Notion webhook, debounce included: runs StatusSyncLatency (the
# connector and both simulators in one JVM, real HTTP, H2 in memory), which hands N tickets off to
# Notion pages, has a person set each page's Status to Done one after the other, and prints the
# latency from the webhook's delivery to the solved ticket, with a same-run baseline.
#
#   bash src/test/load/status-sync-latency.sh [--tickets N] [--spacing-ms MS] [--debounce D] [--budget RPS]
#
# Defaults: 60 tickets, one edit every 700 ms, debounce 1s, 3 req/s (connector budget and simulator limit).
set -euo pipefail
cd "$(dirname "$0")/../../.."
echo "== Building test classes and the test classpath"
mkdir -p target/load
mvn -B -q test-compile
mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/load/classpath.txt
classpath="target/test-classes:target/classes:$(cat target/load/classpath.txt)"
java -Xmx512m -cp "${classpath}" io.fynedesk.connector.load.StatusSyncLatency "$@"
