#!/usr/bin/env bash
# Shared by the load scripts: builds the test classpath and starts a fresh sandbox (connector + both
# simulators) in the background, stopped again when the calling script exits. Source it after
# setting ${rate} (SANDBOX_NOTION_RATE) and ${budget} (NOTION_RATE_LIMIT_REQUESTS_PER_SECOND).
# Sets ${classpath} and ${connector}. SANDBOX_JAVA_OPTS adds JVM options to the sandbox only (e.g. a
# flight recording: "-XX:StartFlightRecording=filename=target/load/sandbox.jfr,settings=profile").
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
  java ${SANDBOX_JAVA_OPTS:-} -cp "${classpath}" io.fynedesk.connector.sandbox.SandboxApplication >"${log}" 2>&1 &
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

