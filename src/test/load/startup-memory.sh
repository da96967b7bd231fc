#!/usr/bin/env bash
# Start-up and memory of the production jar, before and after in one run: the time from launching the
# JVM to /actuator/health/readiness answering 200 (management on its own port, as in k8s/), and the
# resident set (VmRSS) after idling, for
#   before      a jar built from --baseline REF (default: where this branch left main), java -Xmx256m -jar
#   after-jar   this checkout's jar, the same launch (code and configuration changes alone; with none that
#               touch start-up, as today, it is the control that shows the run's noise)
#   after-image this checkout as k8s/Dockerfile runs it: Java 25 (STARTUP_IMAGE_JAVA, default the
#               machine's Temurin 25), the jar extracted, its AOT cache (made by a training run here, as the
#               image build does), the image's JVM options and the pod's JAVA_TOOL_OPTIONS (read from k8s/base/deployment.yaml), and
#               -XX:MaxRAM=512m so the JVM sizes itself as in the pod (limit 512Mi: heap 256 MiB, SerialGC)
#   after-image-17  the image as it was before Java 25: the same on Java 17 with an AppCDS archive
#   after-image-refresh  the Java 25 image as it was until 2026-12-03: its AOT cache trained only to the
#               context's refresh (spring.context.exit=onRefresh), not to readiness
#   before-image  the --baseline jar as the image runs it: extracted, its own AOT cache (trained as
#               after-image's), the same JVM and pod options: what code changes alone do in the pod's shape
#   after-image-c1  the image with the pod's options of 2026-12-03's first change (C1 only), without the
#               heap free ratios and native heap trimming added after it
# Launches alternate (before, after-jar, after-image, before, …) so a busy machine weighs on all alike;
# medians are printed last, with the CPU time each start used (steadier than the wall time when others
# load the machine). Each launch uses its own embedded H2 file database, migrated by a first
# launch that is not counted, and no simulator (nothing is connected: an idle connector).
#
#   bash src/test/load/startup-memory.sh [--runs N] [--idle SECONDS] [--baseline REF] [--no-build]
#                                        [--variants "after-image ..."]
#   STARTUP_EXTRA_OPTS="..."  JVM options tried on top of the image's (the training run's too); with
#   -XX:NativeMemoryTracking=summary each launch's summary lands in target/startup/<variant>-<run>.nmt.
#   The medians' ratios are against the first variant named.
#
# Defaults: 5 runs of each (variants before, after-jar, after-image-17, after-image), 20 s idle before RSS
# is read. Ports: STARTUP_PORT (default 18380) and +1.
set -euo pipefail
cd "$(dirname "$0")/../../.."

runs=5
idle=20
baseline_ref="$(git merge-base HEAD main 2>/dev/null || git rev-parse HEAD)"
build=true
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --idle) idle="$2"; shift 2 ;;
    --baseline) baseline_ref="$2"; shift 2 ;;
    --no-build) build=false; shift ;;
    --variants) read -r -a only_variants <<<"$2"; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
port="${STARTUP_PORT:-18380}"
management_port=$((port + 1))
work="$(pwd)/target/startup"
mkdir -p "${work}"
jar_name="notion-connector-0.1.0-SNAPSHOT.jar"

# The image's JVM options (k8s/Dockerfile's JAVA_OPTS) and the pod's environment (k8s/base/deployment.yaml).
# UseSerialGC is spelled out: the JVM picks it itself in a 512Mi pod, but not on a 24 GiB host.
image_opts=(-XX:MaxRAM=512m -XX:MaxRAMPercentage=50 -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError)
# STARTUP_EXTRA_OPTS: JVM options to try on top of the image's (training run included).
read -r -a extra_opts <<<"${STARTUP_EXTRA_OPTS:-}"
image_opts+=("${extra_opts[@]}")
# Java 25's image also starts with -Xms32m (k8s/Dockerfile): the AOT cache's archived heap objects (about
# 6 MiB) must fit the initial old generation, which -XX:MaxRAM=512m alone makes 5 MiB; the JVM refuses a
# cache it cannot load.
# And the pod's JAVA_TOOL_OPTIONS, read from k8s/base/deployment.yaml so this launch is the pod's (C1 only,
# the heap's free ratios, native heap trimming). The Dockerfile's training run has the -Xms32m, not the
# pod's environment.
image25_train=(-Xms32m)
pod_tool_options="$(grep -A1 'name: JAVA_TOOL_OPTIONS' k8s/base/deployment.yaml | sed -n 's/^ *value: "\(.*\)"$/\1/p')"
[[ -n "${pod_tool_options}" ]] || { echo "No JAVA_TOOL_OPTIONS value in k8s/base/deployment.yaml" >&2; exit 1; }
read -r -a pod_opts <<<"${pod_tool_options}"
image25_opts=("${image25_train[@]}" "${pod_opts[@]}")
# after-image-c1: the pod of 2026-12-03's first change, C1 only and the JVM's default heap free ratios.
image25_c1_opts=("${image25_train[@]}" -XX:TieredStopAtLevel=1)
# The image's JVM: Java 25 (eclipse-temurin:25-jre in k8s/Dockerfile).
image_java="${STARTUP_IMAGE_JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
[[ -x "${image_java}" ]] || { echo "No Java 25 at ${image_java}: set STARTUP_IMAGE_JAVA" >&2; exit 1; }

# Required settings of a production start (RequiredSettings), fake values: nothing is called.
export FYNEDESK_API_BASE_URL="http://127.0.0.1:9/" FYNEDESK_API_TOKEN=startup-token FYNEDESK_EVENTS_SECRET=startup-secret \
  CONNECTOR_SECURITY_JWT_SECRET=startup-jwt-secret-that-is-at-least-32-bytes \
  CONNECTOR_SECURITY_ENCRYPTION_KEY=AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8= \
  CONNECTOR_OPERATOR_PASSWORD=startup-operator SERVER_PORT="${port}" MANAGEMENT_SERVER_PORT="${management_port}"

if curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:${port}/" 2>/dev/null \
    || curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:${management_port}/" 2>/dev/null; then
  echo "Something already answers on ${port} or ${management_port}: set STARTUP_PORT" >&2
  exit 1
fi

if [[ "${build}" == true ]]; then
  echo "== Building this checkout's jar"
  mvn -B -q package -DskipTests -Dspotless.check.skip=true
fi
current_jar="$(pwd)/target/${jar_name}"
baseline_sha="$(git rev-parse --short "${baseline_ref}")"
baseline_jar="${work}/baseline-${baseline_sha}.jar"
if [[ ! -f "${baseline_jar}" ]]; then
  echo "== Building the baseline jar from ${baseline_ref} (${baseline_sha})"
  rm -rf "${work}/baseline-src" && mkdir -p "${work}/baseline-src"
  git archive "${baseline_ref}" | tar -x -C "${work}/baseline-src"
  (cd "${work}/baseline-src" && mvn -B -q package -DskipTests -Dspotless.check.skip=true)
  cp "${work}/baseline-src/target/${jar_name}" "${baseline_jar}"
fi

pid=""
stop() {
  if [[ -n "${pid}" ]] && kill -0 "${pid}" 2>/dev/null; then
    kill "${pid}" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "${pid}" 2>/dev/null || break; sleep 0.1; done
    kill -9 "${pid}" 2>/dev/null || true
  fi
  [[ -n "${pid}" ]] && wait "${pid}" 2>/dev/null || true
  pid=""
}
trap stop EXIT

# launch NAME DB LOG JAVA ARGS…: starts the JVM in the background (sets ${pid}); the image's variants get
# the image's environment (MALLOC_ARENA_MAX=2: fewer glibc malloc arenas, less native memory).
launch() {
  local name="$1" db="$2" log="$3"
  local -a image_env=()
  shift 3
  [[ "${name}" == after-image* || "${name}" == training* ]] && image_env=(MALLOC_ARENA_MAX=2)
  env "${image_env[@]}" \
    SPRING_DATASOURCE_URL="jdbc:h2:file:${work}/db-${name}/${db};MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0" \
    "$@" >"${log}" 2>&1 &
  pid=$!
}

# cpu_ms: CPU time (user + system, all threads) the JVM has used so far, in ms. Unlike the wall time it
# hardly depends on what else the machine runs, so it is the steadier figure on a shared machine.
ticks=$(getconf CLK_TCK)
cpu_ms() { awk -v t="${ticks}" '{sub(/^.*\) /, ""); print int(($12 + $13) * 1000 / t)}' "/proc/${pid}/stat"; }

# wait_ready LOG: "WALL CPU": ms from now to readiness 200 (polled every 20 ms, up to 180 s), and cpu_ms then.
wait_ready() {
  local log="$1" start now
  start=$(date +%s%N)
  for _ in $(seq 1 9000); do
    if ! kill -0 "${pid}" 2>/dev/null; then
      echo "The connector exited while starting; see ${log}" >&2
      tail -n 30 "${log}" >&2
      exit 1
    fi
    if curl -fsS -o /dev/null --max-time 1 "http://127.0.0.1:${management_port}/actuator/health/readiness" 2>/dev/null; then
      now=$(date +%s%N)
      echo "$(((now - start) / 1000000)) $(cpu_ms)"
      return
    fi
    sleep 0.02
  done
  echo "Not ready after 180 s; see ${log}" >&2
  exit 1
}

variants=(before after-jar after-image-17 after-image)
if [[ -n "${only_variants[*]:-}" ]]; then variants=("${only_variants[@]}"); fi
# wants VARIANT: whether this run launches it (each training run is made only for its variants).
wants() { [[ " ${variants[*]} " == *" $1 "* ]]; }
# train NAME OUTPUT JAVA ARGS…: one training run on its own fresh database; it must write OUTPUT.
train() {
  local name="$1" output="$2"
  shift 2
  rm -rf "${work}/db-${name}"
  launch "${name}" db "${work}/${name}.log" "$@"
  wait "${pid}" || true
  pid=""
  [[ -s "${output}" ]] || { echo "nothing written to ${output}; see ${work}/${name}.log" >&2; exit 1; }
  echo "${name}: $(du -m "${output}" | cut -f1) MiB"
}

echo "== Extracting this checkout's jar and making the archives its variants use"
rm -rf "${work}/app" && java -Djarmode=tools -jar "${current_jar}" extract --destination "${work}/app" >/dev/null
# after-image, as k8s/Dockerfile: the training run starts the connector completely (Camel routes,
# Tomcat) and exits once it is ready (connector.training-run.exit-when-ready), so the cache holds what a
# start loads.
{ wants after-image || wants after-image-c1; } && train training "${work}/app/app.aot" "${image_java}" "${image_opts[@]}" "${image25_train[@]}" \
  -XX:AOTCacheOutput="${work}/app/app.aot" -Dconnector.training-run.exit-when-ready=true -jar "${work}/app/${jar_name}"
wants after-image-17 && train training-17 "${work}/app/app.jsa" java "${image_opts[@]}" \
  -XX:ArchiveClassesAtExit="${work}/app/app.jsa" -Dspring.context.exit=onRefresh -jar "${work}/app/${jar_name}"
# after-image-refresh: the image of 2026-12-02, its cache trained only to the context's refresh
# (spring.context.exit=onRefresh: no lifecycle bean started, so no Camel route, no Tomcat), no -Xms.
wants after-image-refresh && train training-refresh "${work}/app/app-refresh.aot" "${image_java}" "${image_opts[@]}" \
  -XX:AOTCacheOutput="${work}/app/app-refresh.aot" -Dspring.context.exit=onRefresh -jar "${work}/app/${jar_name}"

# before-image: the --baseline jar in the image's shape, its own extract and AOT cache (this checkout's
# pod options), so only the code differs from after-image.
before_jar_name="$(basename "${baseline_jar}")"
if wants before-image; then
  rm -rf "${work}/baseline-app" \
    && java -Djarmode=tools -jar "${baseline_jar}" extract --destination "${work}/baseline-app" >/dev/null
  train training-before "${work}/baseline-app/app.aot" "${image_java}" "${image_opts[@]}" "${image25_train[@]}" \
    -XX:AOTCacheOutput="${work}/baseline-app/app.aot" -Dconnector.training-run.exit-when-ready=true \
    -jar "${work}/baseline-app/${before_jar_name}"
fi

args_of() {
  case "$1" in
    before) echo "java -Xmx256m -jar ${baseline_jar}" ;;
    after-jar) echo "java -Xmx256m -jar ${current_jar}" ;;
    after-image-17) echo "java ${image_opts[*]} -XX:SharedArchiveFile=${work}/app/app.jsa -jar ${work}/app/${jar_name}" ;;
    after-image-refresh) echo "${image_java} ${image_opts[*]} -XX:AOTCache=${work}/app/app-refresh.aot -jar ${work}/app/${jar_name}" ;;
    after-image) echo "${image_java} ${image_opts[*]} ${image25_opts[*]} -XX:AOTCache=${work}/app/app.aot -jar ${work}/app/${jar_name}" ;;
    before-image) echo "${image_java} ${image_opts[*]} ${image25_opts[*]} -XX:AOTCache=${work}/baseline-app/app.aot -jar ${work}/baseline-app/${before_jar_name}" ;;
    after-image-c1) echo "${image_java} ${image_opts[*]} ${image25_c1_opts[*]} -XX:AOTCache=${work}/app/app.aot -jar ${work}/app/${jar_name}" ;;
  esac
}

echo "== Migrating each variant's database (not counted)"
for v in "${variants[@]}"; do
  rm -rf "${work}/db-${v}"
  # shellcheck disable=SC2046
  launch "${v}" connector "${work}/${v}-migrate.log" $(args_of "${v}")
  wait_ready "${work}/${v}-migrate.log" >/dev/null
  stop
done

declare -A ready cpu rss
printf '%-20s %4s %10s %10s %10s %10s\n' variant run ready_ms cpu_ms started_s rss_mib
for run in $(seq 1 "${runs}"); do
  for v in "${variants[@]}"; do
    log="${work}/${v}-${run}.log"
    # shellcheck disable=SC2046
    launch "${v}" connector "${log}" $(args_of "${v}")
    read -r ms cms < <(wait_ready "${log}")
    [[ -n "${ms:-}" ]] || { echo "no readiness for ${v} (see ${log})" >&2; exit 1; }
    sleep "${idle}"
    kb=$(awk '/^VmRSS:/ {print $2}' "/proc/${pid}/status")
    # With -XX:NativeMemoryTracking=summary in STARTUP_EXTRA_OPTS: where the idle JVM's memory is.
    jcmd "${pid}" VM.native_memory summary >"${work}/${v}-${run}.nmt" 2>/dev/null || true
    started=$(grep -o 'Started ConnectorApplication in [0-9.]*' "${log}" | awk '{print $4}')
    stop
    ready[${v}]+="${ms} "
    cpu[${v}]+="${cms} "
    rss[${v}]+="$((kb / 1024)) "
    printf '%-20s %4s %10s %10s %10s %10s\n' "${v}" "${run}" "${ms}" "${cms}" "${started}" "$((kb / 1024))"
  done
done

median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'; }
# Ratios are against the first variant (before, unless --variants names another first).
ref="${variants[0]}"
echo "== Medians of ${runs} runs (baseline = ${baseline_sha}: before is its jar with java -Xmx256m -jar, before-image its image; ready = launch → readiness 200; RSS after ${idle} s idle; ratios against ${ref})"
ref_ms=$(echo "${ready[${ref}]}" | median)
ref_cpu=$(echo "${cpu[${ref}]}" | median)
ref_rss=$(echo "${rss[${ref}]}" | median)
for v in "${variants[@]}"; do
  ms=$(echo "${ready[${v}]}" | median)
  cms=$(echo "${cpu[${v}]}" | median)
  mib=$(echo "${rss[${v}]}" | median)
  printf '%-20s ready %6d ms (%.2f×)   CPU to ready %6d ms (%.2f×)   RSS %4d MiB (%.2f×)\n' "${v}" \
    "${ms}" "$(echo "${ms} / ${ref_ms}" | bc -l)" "${cms}" "$(echo "${cms} / ${ref_cpu}" | bc -l)" \
    "${mib}" "$(echo "${mib} / ${ref_rss}" | bc -l)"
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
