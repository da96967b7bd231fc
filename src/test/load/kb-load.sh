#!/usr/bin/env bash
# KB sync figures (issue 9): the connector in a child JVM against in-process Notion and FyneDesk
# simulators. Publish of a 500-block article + one-paragraph edits (requests and time per edit, with
# a same-run delete-and-recreate baseline), then a 300-page import at 3 req/s while tickets are
# handed off (pages/s, budget use, 429s, hand-off p95 busy vs idle).
#
#   bash src/test/load/kb-load.sh [--pages N] [--edits N] [--tickets N]
set -euo pipefail
cd "$(dirname "$0")/../../.."
echo "== Building test classes and the test classpath"
mkdir -p target/load
mvn -B -q test-compile
mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/load/classpath.txt
classpath="$PWD/target/test-classes:$PWD/target/classes:$(cat target/load/classpath.txt)"
echo "== Running KbLoad $*"
java -Xmx512m -cp "${classpath}" io.fynedesk.connector.load.KbLoad "$@"
