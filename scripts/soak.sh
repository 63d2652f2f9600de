#!/usr/bin/env bash
# Soak test: a steady load through one `newswire run` worker against a real
# Kafka for a while, watching the worker's resident memory.
#
#   scripts/soak.sh [--duration D] [--rate N]
#
#   --duration D   how long to produce: seconds, or with s/m/h (default 10m;
#                  env SOAK_DURATION)
#   --rate N       dispatches per second (default 300; env SOAK_RATE)
#
# Other knobs (environment):
#   SOAK_SAMPLE_SECONDS      RSS sampling period (default 5)
#   SOAK_WARMUP_PERCENT      first part of the run not counted as steady state (default 20)
#   SOAK_MAX_GROWTH_PERCENT  allowed growth of steady-state RSS (default 10)
#   SOAK_PARTITIONS          partitions of the soak topics (default 6)
#   SOAK_OUT                 folder for the worker log and rss.csv (default: a temp folder)
#   SOAK_BIN                 the newswire binary to soak (default: build the release one);
#                            e.g. a copy, to compare two builds while the tree changes
#   SOAK_LOAD_BIN            the soak_load example binary (default: build it); with
#                            both set, nothing is built
#   SOAK_WORKER_ENV          extra VAR=value words for the worker's environment,
#                            e.g. "MALLOC_ARENA_MAX=2"
#   NEWSWIRE_TEST_KAFKA_BROKERS  use this Kafka instead of starting one
#
# Without NEWSWIRE_TEST_KAFKA_BROKERS it starts a throwaway local Kafka with
# scripts/kafka.sh (as scripts/test-real-kafka.sh does) and deletes it after.
# The load comes from examples/soak_load.rs: the samples/ dispatches
# round-robin plus 5% poison (empty or binary payloads, which must be
# dead-lettered), on fresh topics soak-<time>.{in,out,dlq}.
#
# The worker's RSS (VmRSS of /proc/PID/status) is sampled every
# SOAK_SAMPLE_SECONDS from start to end of the load. Steady state is
# everything after the warm-up; the verdict compares the median RSS of the
# first quarter of the steady state with the median of its last quarter
# (medians, so one allocation burst does not decide). The script fails when
# the last exceeds the first by more than SOAK_MAX_GROWTH_PERCENT, when a
# dispatch is missing (outputs + dead letters < inputs), or when the worker
# dies or does not exit 0 on SIGTERM.
set -euo pipefail
cd "$(dirname "$0")/.."

duration="${SOAK_DURATION:-10m}"
rate="${SOAK_RATE:-300}"
sample="${SOAK_SAMPLE_SECONDS:-5}"
warmup="${SOAK_WARMUP_PERCENT:-20}"
max_growth="${SOAK_MAX_GROWTH_PERCENT:-10}"
partitions="${SOAK_PARTITIONS:-6}"

while [[ $# -gt 0 ]]; do
  case "$1" in
    --duration) duration="$2"; shift 2 ;;
    --rate) rate="$2"; shift 2 ;;
    -h|--help) sed -n '2,35p' "$0"; exit 0 ;;
    *) echo "soak.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

to_seconds() {
  case "$1" in
    *h) echo $(( ${1%h} * 3600 )) ;;
    *m) echo $(( ${1%m} * 60 )) ;;
    *s) echo "${1%s}" ;;
    *) echo "$1" ;;
  esac
}
seconds="$(to_seconds "${duration}")"
[[ "${seconds}" =~ ^[0-9]+$ && "${seconds}" -gt 0 ]] || { echo "soak.sh: bad duration ${duration}" >&2; exit 2; }

out="${SOAK_OUT:-$(mktemp -d "${TMPDIR:-/tmp}/newswire-soak.XXXXXX")}"
mkdir -p "${out}"

# Build first, so no broker idles during compilation (nothing to build
# when both binaries are given).
if [[ -z "${SOAK_BIN:-}" || -z "${SOAK_LOAD_BIN:-}" ]]; then
  cargo build --release --bin newswire --example soak_load
fi
target_dir="${CARGO_TARGET_DIR:-target}"
bin="${SOAK_BIN:-${target_dir}/release/newswire}"
load="${SOAK_LOAD_BIN:-${target_dir}/release/examples/soak_load}"
for b in "${bin}" "${load}"; do
  [[ -x "${b}" ]] || { echo "soak.sh: ${b} is not an executable" >&2; exit 2; }
done
# Word splitting is intended: VAR=value words for env(1).
read -r -a worker_env <<<"${SOAK_WORKER_ENV:-}"

worker_pid=""
load_pid=""
kafka_state=""
cleanup() {
  [[ -n "${load_pid}" ]] && kill "${load_pid}" 2>/dev/null || true
  [[ -n "${worker_pid}" ]] && kill -KILL "${worker_pid}" 2>/dev/null || true
  if [[ -n "${kafka_state}" ]]; then
    NEWSWIRE_KAFKA_STATE="${kafka_state}" bash scripts/kafka.sh purge || true
    rm -rf "${kafka_state}"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [[ -z "${NEWSWIRE_TEST_KAFKA_BROKERS:-}" ]]; then
  kafka_state="$(mktemp -d "${TMPDIR:-/tmp}/newswire-kafka.XXXXXX")"
  brokers="$(NEWSWIRE_KAFKA_STATE="${kafka_state}" bash scripts/kafka.sh up)"
  echo "soak: local Kafka at ${brokers}"
else
  brokers="${NEWSWIRE_TEST_KAFKA_BROKERS}"
  echo "soak: using the Kafka at ${brokers}"
fi

prefix="soak-$(date +%s)-$$"
"${load}" --brokers "${brokers}" --topic-prefix "${prefix}" create --partitions "${partitions}"

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port=19898
while listening "${port}"; do port=$(( port + 1 )); done

# The worker as its own process, configured by environment only.
env -u NEWSWIRE__KAFKA__INSTANCE_ID \
  NEWSWIRE__KAFKA__BROKERS="${brokers}" \
  NEWSWIRE__KAFKA__GROUP_ID="${prefix}" \
  NEWSWIRE__TOPICS__INPUT="${prefix}.in" \
  NEWSWIRE__TOPICS__OUTPUT="${prefix}.out" \
  NEWSWIRE__TOPICS__DLQ="${prefix}.dlq" \
  NEWSWIRE__HTTP__LISTEN="127.0.0.1:${port}" \
  NEWSWIRE__LOG__FORMAT=json \
  "${worker_env[@]}" \
  "${bin}" run >"${out}/worker.log" 2>&1 </dev/null &
worker_pid=$!

deadline=$(( SECONDS + 60 ))
until "${bin}" healthcheck --url "http://127.0.0.1:${port}/readyz" >/dev/null 2>&1; do
  kill -0 "${worker_pid}" 2>/dev/null || { tail -20 "${out}/worker.log" >&2; echo "soak: the worker died at start" >&2; exit 1; }
  (( SECONDS < deadline )) || { tail -20 "${out}/worker.log" >&2; echo "soak: the worker was not ready within 60s" >&2; exit 1; }
  sleep 0.5
done

# "RSS_KIB,THREADS" from /proc/PID/status (the thread count shows whether
# the blocking pool keeps creating threads, each a malloc arena user).
rss_sample() { awk '/^VmRSS:/ { r = $2 } /^Threads:/ { t = $2 } END { if (r) print r "," t }' "/proc/$1/status" 2>/dev/null || true; }

echo "soak: worker pid ${worker_pid} ready; ${rate} msg/s for ${seconds}s; samples every ${sample}s in ${out}/rss.csv"
"${load}" --brokers "${brokers}" --topic-prefix "${prefix}" produce \
  --rate "${rate}" --seconds "${seconds}" >"${out}/load.log" 2>&1 &
load_pid=$!

echo "elapsed_s,rss_kib,threads" >"${out}/rss.csv"
start=${SECONDS}
while kill -0 "${load_pid}" 2>/dev/null; do
  if ! kill -0 "${worker_pid}" 2>/dev/null; then
    tail -20 "${out}/worker.log" >&2
    echo "soak: FAIL: the worker exited during the run" >&2
    exit 1
  fi
  rss="$(rss_sample "${worker_pid}")"
  [[ -n "${rss}" ]] && echo "$(( SECONDS - start )),${rss}" >>"${out}/rss.csv"
  sleep "${sample}"
done
load_ok=0
wait "${load_pid}" || load_ok=$?
load_pid=""
cat "${out}/load.log"

# SIGTERM: the worker must drain, commit and exit 0.
kill -TERM "${worker_pid}"
exit_code=0
wait "${worker_pid}" || exit_code=$?
worker_pid=""

verdict=0
awk -F, -v warmup="${warmup}" -v max_growth="${max_growth}" '
  function median(a, lo, hi,   n, i, j, t, b) {
    n = 0
    for (i = lo; i <= hi; i++) b[++n] = a[i]
    for (i = 2; i <= n; i++) { t = b[i]; j = i - 1; while (j > 0 && b[j] > t) { b[j + 1] = b[j]; j-- } b[j + 1] = t }
    return (n % 2) ? b[(n + 1) / 2] : (b[n / 2] + b[n / 2 + 1]) / 2
  }
  NR > 1 { n++; t[n] = $1; r[n] = $2; if ($2 > peak) peak = $2; if ($3 > threads) threads = $3 }
  END {
    if (n < 8) { printf "soak: only %d RSS samples: run longer\n", n; exit 2 }
    first = int(n * warmup / 100) + 1
    steady = n - first + 1
    q = int(steady / 4); if (q < 1) q = 1
    a = median(r, first, first + q - 1)
    b = median(r, n - q + 1, n)
    growth = (b - a) * 100 / a
    printf "soak: RSS start %.1f MiB, steady-state first-quarter median %.1f MiB (from %ds), last-quarter median %.1f MiB, end %.1f MiB, peak %.1f MiB; %d samples\n", r[1] / 1024, a / 1024, t[first], b / 1024, r[n] / 1024, peak / 1024, n
    printf "soak: steady-state growth %+.1f%% (limit %d%%); at most %d threads\n", growth, max_growth, threads
    exit (growth > max_growth) ? 1 : 0
  }' "${out}/rss.csv" || verdict=$?

echo "soak: worker exit code ${exit_code} after SIGTERM; log ${out}/worker.log"
if [[ "${load_ok}" -ne 0 ]]; then echo "soak: FAIL: dispatches missing (see above)"; exit 1; fi
if [[ "${exit_code}" -ne 0 ]]; then echo "soak: FAIL: the worker did not exit 0 on SIGTERM"; exit 1; fi
if [[ "${verdict}" -ne 0 ]]; then echo "soak: FAIL: RSS verdict"; exit 1; fi
echo "soak: PASS"
