#!/usr/bin/env bash
# A real, single-node Apache Kafka 4.x (KRaft: broker and controller in one
# JVM) on loopback, for tests. No Docker, no installation: the broker's jars
# are resolved from Maven Central once (deploy/kafka/pom.xml) and cached.
#
#   scripts/kafka.sh up       start (or reuse) the broker; prints 127.0.0.1:PORT
#   scripts/kafka.sh down     stop it by its own pid (TERM, then KILL); data kept
#   scripts/kafka.sh purge    stop it and delete its state (data, ports, logs)
#   scripts/kafka.sh status   "running 127.0.0.1:PORT pid N" (exit 0) or "stopped" (exit 3)
#   scripts/kafka.sh pause    SIGSTOP the JVM (a hung broker); `resume` sends SIGCONT
#   scripts/kafka.sh install  only resolve and cache the jars
#
# `up` after `down` restarts the broker on the same data directory and the
# same ports, so clients reconnect to the address they already know.
#
# Environment:
#   KAFKA_VERSION             default 4.1.1
#   NEWSWIRE_KAFKA_LIB        jar folder (default ~/.cache/newswire/kafka-$KAFKA_VERSION)
#   NEWSWIRE_KAFKA_STATE      state folder (default deploy/kafka/.state in this checkout)
#   KAFKA_HEAP_OPTS           default -Xmx512m -Xms128m
#   NEWSWIRE_KAFKA_START_TIMEOUT  seconds to wait for the broker (default 120)
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
version="${KAFKA_VERSION:-4.1.1}"
lib="${NEWSWIRE_KAFKA_LIB:-${HOME}/.cache/newswire/kafka-${version}}"
state="${NEWSWIRE_KAFKA_STATE:-${here}/deploy/kafka/.state}"
heap="${KAFKA_HEAP_OPTS:--Xmx512m -Xms128m}"
start_timeout="${NEWSWIRE_KAFKA_START_TIMEOUT:-120}"

log() { echo "kafka.sh: $*" >&2; }
die() { log "$*"; exit 1; }

need_tools() {
  if ! command -v java >/dev/null 2>&1 || ! command -v mvn >/dev/null 2>&1; then
    log "java or mvn missing; installing openjdk-17-jre-headless and maven"
    if command -v apt-get >/dev/null 2>&1; then
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless maven >&2
    else
      die "install Java 17+ and Maven 3, then retry"
    fi
  fi
}

# Resolve kafka_2.13 and its runtime dependencies into $lib, once.
install_jars() {
  if [[ -f "${lib}/.complete" ]]; then
    return 0
  fi
  need_tools
  log "resolving Apache Kafka ${version} from Maven Central into ${lib} (once)"
  local tmp="${lib}.partial.$$"
  rm -rf "${tmp}"
  mkdir -p "$(dirname "${lib}")"
  mvn -q -B -Dstyle.color=never -f "${here}/deploy/kafka/pom.xml" \
    -Dkafka.version="${version}" -Dkafka.lib="${tmp}" \
    dependency:copy-dependencies >&2 || { rm -rf "${tmp}"; die "maven could not resolve Kafka ${version}"; }
  ls "${tmp}"/kafka_2.13-*.jar >/dev/null 2>&1 || { rm -rf "${tmp}"; die "no kafka_2.13 jar resolved"; }
  touch "${tmp}/.complete"
  rm -rf "${lib}"
  mv "${tmp}" "${lib}"
}

pid_alive() { [[ -n "${1:-}" ]] && kill -0 "$1" 2>/dev/null; }

read_state() {
  pid="$(cat "${state}/pid" 2>/dev/null || true)"
  port="$(cat "${state}/port" 2>/dev/null || true)"
  cport="$(cat "${state}/controller-port" 2>/dev/null || true)"
}

# Whether something accepts connections on 127.0.0.1:$1.
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

free_port() {
  local p i
  for i in $(seq 1 200); do
    p=$(( 20000 + (RANDOM * 32768 + RANDOM) % 40000 ))
    if [[ "${p}" != "${1:-}" ]] && ! listening "${p}"; then
      echo "${p}"
      return 0
    fi
  done
  die "no free port found"
}

write_config() {
  mkdir -p "${state}/data"
  cat >"${state}/server.properties" <<EOF
# Written by scripts/kafka.sh: single-node KRaft on loopback, for tests.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:${cport}
listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${cport}
advertised.listeners=PLAINTEXT://127.0.0.1:${port}
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=${state}/data
num.partitions=1
default.replication.factor=1
min.insync.replicas=1
auto.create.topics.enable=false
offsets.topic.replication.factor=1
offsets.topic.num.partitions=8
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=4
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
num.network.threads=2
num.io.threads=4
num.recovery.threads.per.data.dir=1
background.threads=4
log.retention.hours=24
log.cleaner.enable=true
log.cleaner.threads=1
EOF
  cat >"${state}/log4j2.properties" <<EOF
# Quiet broker logs: warnings, plus the line that says the server started.
status = warn
appender.file.type = File
appender.file.name = file
appender.file.fileName = ${state}/server.log
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = warn
rootLogger.appenderRef.file.ref = file
logger.raft.name = kafka.server.KafkaRaftServer
logger.raft.level = info
logger.broker.name = kafka.server.BrokerServer
logger.broker.level = info
EOF
}

java_cmd() {
  # shellcheck disable=SC2086
  echo java ${heap} -XX:+UseSerialGC -XX:CICompilerCount=2 -XX:ActiveProcessorCount=2 \
    -Djava.awt.headless=true
}

# The java command line (word-split on purpose: heap options), then "$@".
run_java() {
  # shellcheck disable=SC2046
  $(java_cmd) -Dlog4j2.configurationFile="${state}/log4j2.properties" -cp "${lib}/*" "$@"
}

cmd_up() {
  install_jars
  mkdir -p "${state}"
  read_state
  if pid_alive "${pid}"; then
    echo "127.0.0.1:${port}"
    return 0
  fi
  if [[ -z "${port}" || -z "${cport}" ]] || listening "${port}" || listening "${cport}"; then
    # Fresh state (or our old ports were taken): new ports, new data.
    rm -rf "${state}/data" "${state}/meta"
    port="$(free_port)"
    cport="$(free_port "${port}")"
    echo "${port}" >"${state}/port"
    echo "${cport}" >"${state}/controller-port"
  fi
  write_config
  if [[ ! -f "${state}/data/meta.properties" ]]; then
    local cluster_id
    cluster_id="$(run_java kafka.tools.StorageTool random-uuid 2>/dev/null | tail -1)"
    [[ -n "${cluster_id}" ]] || die "cannot generate a cluster id"
    run_java kafka.tools.StorageTool format -t "${cluster_id}" \
      -c "${state}/server.properties" >"${state}/format.log" 2>&1 \
      || { cat "${state}/format.log" >&2; die "formatting the storage failed"; }
  fi
  : >"${state}/server.log"
  # setsid: the broker must not receive signals aimed at our caller's group.
  # (Not a process-group leader here, so setsid execs java itself: $! is the JVM.)
  # shellcheck disable=SC2046
  setsid $(java_cmd) -Dlog4j2.configurationFile="${state}/log4j2.properties" -cp "${lib}/*" \
    kafka.Kafka "${state}/server.properties" >"${state}/stdout.log" 2>&1 </dev/null &
  pid=$!
  echo "${pid}" >"${state}/pid"
  local deadline=$(( SECONDS + start_timeout ))
  until grep -q "Kafka Server started" "${state}/server.log" 2>/dev/null && listening "${port}"; do
    if ! pid_alive "${pid}"; then
      tail -30 "${state}/stdout.log" "${state}/server.log" >&2 || true
      die "the broker exited during startup"
    fi
    if (( SECONDS >= deadline )); then
      tail -30 "${state}/stdout.log" "${state}/server.log" >&2 || true
      cmd_down
      die "the broker did not start within ${start_timeout}s"
    fi
    sleep 0.5
  done
  log "broker pid ${pid} up on 127.0.0.1:${port} (controller ${cport}, state ${state})"
  echo "127.0.0.1:${port}"
}

cmd_down() {
  read_state
  if ! pid_alive "${pid}"; then
    rm -f "${state}/pid"
    return 0
  fi
  kill -CONT "${pid}" 2>/dev/null || true
  kill -TERM "${pid}" 2>/dev/null || true
  local i
  for i in $(seq 1 60); do
    pid_alive "${pid}" || break
    sleep 0.5
  done
  if pid_alive "${pid}"; then
    log "broker pid ${pid} ignored TERM for 30s; sending KILL"
    kill -KILL "${pid}" 2>/dev/null || true
    sleep 0.5
  fi
  rm -f "${state}/pid"
  log "broker pid ${pid} stopped"
}

cmd_status() {
  read_state
  if pid_alive "${pid}"; then
    echo "running 127.0.0.1:${port} pid ${pid}"
  else
    echo "stopped"
    exit 3
  fi
}

signal_broker() {
  read_state
  pid_alive "${pid}" || die "no broker running"
  kill "-$1" "${pid}"
}

case "${1:-}" in
  up) cmd_up ;;
  down) cmd_down ;;
  purge) cmd_down; rm -rf "${state}" ;;
  status) cmd_status ;;
  pause) signal_broker STOP ;;
  resume) signal_broker CONT ;;
  install) install_jars; echo "${lib}" ;;
  *) echo "usage: $0 up|down|purge|status|pause|resume|install" >&2; exit 2 ;;
esac
