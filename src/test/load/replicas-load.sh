#!/usr/bin/env bash
# Two connector replicas on one PostgreSQL (the sandbox of scale-out): starts the Notion and FyneDesk
# simulators in-process and two connectors as child JVMs on a fresh schema, then
#   1. spread: N tickets over 8 connections through one replica (the other stopped with SIGSTOP), then
#      N through two, the simulator unthrottled (each request delayed --latency-ms, as a real Notion
#      answers) and the budget lifted: pages/s and how the work split;
#   2. proof: 60 tickets over both with the simulator limiting the connection to --budget req/s,
#      replica 2 killed (SIGKILL) mid-run: peak requests/s at the simulator, 429s, missing/doubled pages.
# Prints SPREAD and PROOF lines; exit 0 when the proof held. Drops its schema afterwards.
#
#   bash src/test/load/replicas-load.sh [--events N] [--latency-ms MS] [--budget N]
#
# PostgreSQL: CONNECTOR_TEST_POSTGRES_URL (default jdbc:postgresql://127.0.0.1:5432/postgres),
# CONNECTOR_TEST_POSTGRES_USER (postgres), PGPASSWORD.
set -euo pipefail
cd "$(dirname "$0")/../../.."

pg="${CONNECTOR_TEST_POSTGRES_URL:-jdbc:postgresql://127.0.0.1:5432/postgres}"
user="${CONNECTOR_TEST_POSTGRES_USER:-postgres}"

echo "== Building test classes and the test classpath"
mkdir -p target/load
mvn -B -q test-compile
mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/load/classpath.txt
# Absolute: the replicas run in working directories of their own.
classpath="${PWD}/target/test-classes:${PWD}/target/classes:$(cat target/load/classpath.txt)"

log="target/load/replicas-$(date +%Y%m%d-%H%M%S).log"
echo "== Running ReplicaLoad on ${pg} (log: ${log})"
status=0
java -Xmx512m -cp "${classpath}" io.fynedesk.connector.load.ReplicaLoad --pg "${pg}" --pg-user "${user}" "$@" \
  > >(tee "${log}" | grep -E '^(SPREAD|PROOF)') 2>&1 || status=$?
exit "${status}"
