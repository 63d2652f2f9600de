#!/usr/bin/env bash
# The reliability suite (tests/real_kafka/) against a real Apache Kafka.
#
#   scripts/test-real-kafka.sh [TESTNAME-FILTER] [-- libtest args]
#
# Without NEWSWIRE_TEST_KAFKA_BROKERS, it starts a throwaway single-node
# Kafka with scripts/kafka.sh (state in a fresh temporary folder), runs the
# suite against it, and always stops and deletes it afterwards. With
# NEWSWIRE_TEST_KAFKA_BROKERS=host:port set, it uses that Kafka instead and
# starts nothing (the broker-trouble scenario then skips: it must be able to
# stop and restart the broker). Topics and groups are uniquely named per run.
#
# The suite drives the release build of `newswire run` (NEWSWIRE_TEST_BIN);
# the test harness itself is the ordinary `cargo test` build, so CI, which
# has just run `cargo test`, compiles no dev-dependency twice.
set -euo pipefail
cd "$(dirname "$0")/.."

export KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xmx512m -Xms128m}"

# Build first, so no broker idles during compilation.
cargo build --release --bin newswire
cargo test --test real_kafka --no-run
target_dir="${CARGO_TARGET_DIR:-target}"
NEWSWIRE_TEST_BIN="$(cd "${target_dir}/release" && pwd)/newswire"
export NEWSWIRE_TEST_BIN

if [[ -z "${NEWSWIRE_TEST_KAFKA_BROKERS:-}" ]]; then
  NEWSWIRE_KAFKA_STATE="$(mktemp -d "${TMPDIR:-/tmp}/newswire-kafka.XXXXXX")"
  export NEWSWIRE_KAFKA_STATE
  cleanup() {
    bash scripts/kafka.sh purge || true
    rm -rf "${NEWSWIRE_KAFKA_STATE}"
  }
  trap cleanup EXIT
  trap 'exit 130' INT TERM
  NEWSWIRE_TEST_KAFKA_BROKERS="$(bash scripts/kafka.sh up)"
  export NEWSWIRE_TEST_KAFKA_BROKERS
  NEWSWIRE_TEST_KAFKA_CONTROL="$(pwd)/scripts/kafka.sh"
  export NEWSWIRE_TEST_KAFKA_CONTROL
  echo "test-real-kafka: local Kafka at ${NEWSWIRE_TEST_KAFKA_BROKERS} (state ${NEWSWIRE_KAFKA_STATE})"
else
  echo "test-real-kafka: using the Kafka at ${NEWSWIRE_TEST_KAFKA_BROKERS}"
fi

start=${SECONDS}
cargo test --test real_kafka -- --nocapture --test-threads=1 "$@"
echo "test-real-kafka: suite finished in $(( SECONDS - start ))s"
