#!/usr/bin/env bash
# Real services for integration tests and CI, all on 127.0.0.1:
#   Apache Kafka, single-node KRaft broker+controller (jars from Maven Central)  :9092 (controller :9093)
#   Apicurio Registry, Confluent-compatible API at /apis/ccompat/v7              :8081
#   Redis and Mosquitto: the machine's own; started only if nothing answers.
#
# Usage: test/infra/services.sh fetch | start | stop [kafka registry redis mqtt] | status
#   fetch   download Kafka and the registry into .cache/services (skipped when already there)
#   start   fetch, then start whatever does not answer yet; reuses anything that already answers
#   stop    stop what `start` launched (pid files under .cache/services/run); with names, only those.
#           A Redis or Mosquitto that was running before `start` is never touched.
#   status  one line per service
#
# Overrides (defaults in brackets), mainly so the script can be exercised next to running services:
#   SERVICES_DIR [.cache/services]  KAFKA_PORT [9092]  KAFKA_CONTROLLER_PORT [9093]
#   REGISTRY_PORT [8081]  REDIS_PORT [6379]  MQTT_PORT [1883]  SERVICES_WAIT_SECONDS [90]
#   SERVICES_LAUNCHED_FILE: if set, `start` appends the name of each service it launched to it,
#   so a caller (jest global setup, .ci/run) can later stop exactly those.
set -euo pipefail

KAFKA_VERSION=3.9.1
# The design names Apicurio Registry 3.1.7, but Maven Central does not carry 3.1.x (its metadata
# lists 3.0.9 and 3.3.x), and 3.3 needs Java 21 while this project targets Java 17. 3.0.9 serves
# the same Confluent-compatible v7 API.
APICURIO_VERSION=3.0.9

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
MAVEN_DIR="$ROOT/test/infra/maven"
CACHE="${SERVICES_DIR:-$ROOT/.cache/services}"
KAFKA_LIBS="$CACHE/kafka-libs"
KAFKA_DIR="$CACHE/kafka"
APICURIO_DIR="$CACHE/apicurio"
RUN="$CACHE/run"

KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
REGISTRY_PORT="${REGISTRY_PORT:-8081}"
REDIS_PORT="${REDIS_PORT:-6379}"
MQTT_PORT="${MQTT_PORT:-1883}"
WAIT_SECONDS="${SERVICES_WAIT_SECONDS:-90}"
# KRaft wants a 16-byte cluster id in base64url (22 characters); any fixed one will do.
KAFKA_CLUSTER_ID=fruehwarnTestCluster01
REGISTRY_PROBE="http://127.0.0.1:$REGISTRY_PORT/apis/ccompat/v7/subjects"

log() { printf '[services] %s\n' "$*" >&2; }

# ---- probes ---------------------------------------------------------------------------------

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

redis_pong() {
  local reply
  reply=$( (exec 3<>"/dev/tcp/127.0.0.1/$REDIS_PORT" && printf 'PING\r\n' >&3 && timeout 2 head -c 5 <&3) 2>/dev/null) || return 1
  [[ "$reply" == "+PONG" ]]
}

registry_ready() { [[ "$(curl -s -m 2 -o /dev/null -w '%{http_code}' "$REGISTRY_PROBE")" == 200 ]]; }

# "Kafka Server started" is logged once the broker serves requests; an open port alone comes earlier.
kafka_ready() { port_open "$KAFKA_PORT" && grep -q 'Kafka Server started' "$KAFKA_DIR/kafka.log" 2>/dev/null; }

mqtt_ready() { port_open "$MQTT_PORT"; }

# ---- process bookkeeping --------------------------------------------------------------------

# Pid from a pid file, but only if that process is alive and still runs what we launched
# (guards against a recycled pid).
live_pid() { # name, command-line pattern
  local pidfile="$RUN/$1.pid" pid
  [[ -f "$pidfile" ]] || return 1
  pid=$(<"$pidfile")
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$2" && echo "$pid"
}

pattern_of() {
  case "$1" in
    kafka) echo 'kafka.Kafka' ;;
    registry) echo 'apicurio-registry' ;;
    redis) echo 'redis-server' ;;
    mqtt) echo 'mosquitto' ;;
  esac
}

launched() {
  [[ -n "${SERVICES_LAUNCHED_FILE:-}" ]] && echo "$1" >>"$SERVICES_LAUNCHED_FILE"
  return 0
}

wait_for() { # name, log file, pid of the process we launched ("" if none), probe command...
  local name=$1 logfile=$2 pid=$3 deadline=$((SECONDS + WAIT_SECONDS)) why
  shift 3
  until "$@"; do
    why=""
    if [[ -n "$pid" ]] && ! kill -0 "$pid" 2>/dev/null; then why="exited"; fi
    if ((SECONDS >= deadline)); then why="did not come up within ${WAIT_SECONDS}s"; fi
    if [[ -n "$why" ]]; then
      log "$name $why; last lines of $logfile:"
      tail -n 40 "$logfile" >&2 2>/dev/null || true
      return 1
    fi
    sleep 0.5
  done
}

# ---- fetch ----------------------------------------------------------------------------------

# Maven 3.8 prints colour resets even in batch mode with -q; strip them (pipefail keeps its exit code).
mvn_q() { mvn -q -B -s "$MAVEN_DIR/settings.xml" "$@" 2>&1 | sed -u 's/\x1b\[[0-9;]*m//g' >&2; }

# 3.0.x ships a runner jar with lib/ beside it; later releases quarkus-app/quarkus-run.jar.
registry_jar() {
  find "$APICURIO_DIR/app/" -maxdepth 3 \( -name 'apicurio-registry-app-*-runner.jar' -o -name quarkus-run.jar \) 2>/dev/null | head -n 1
}

fetch() {
  mkdir -p "$CACHE"
  if [[ ! -f "$KAFKA_LIBS/kafka_2.13-$KAFKA_VERSION.jar" ]]; then
    log "fetching Apache Kafka $KAFKA_VERSION jars from Maven Central"
    rm -rf "$KAFKA_LIBS.partial"
    mvn_q -f "$MAVEN_DIR/kafka-pom.xml" dependency:copy-dependencies \
      -DincludeScope=runtime -DoutputDirectory="$KAFKA_LIBS.partial"
    rm -rf "$KAFKA_LIBS" && mv "$KAFKA_LIBS.partial" "$KAFKA_LIBS"
  fi
  if [[ -z "$(registry_jar)" ]]; then
    log "fetching Apicurio Registry $APICURIO_VERSION from Maven Central"
    local download="$APICURIO_DIR/download"
    rm -rf "$download" && mkdir -p "$download"
    mvn_q -f "$MAVEN_DIR/kafka-pom.xml" dependency:copy \
      -Dartifact="io.apicurio:apicurio-registry-app:$APICURIO_VERSION:tar.gz:all" -DoutputDirectory="$download"
    rm -rf "$download/app" && mkdir -p "$download/app"
    tar -xzf "$download/apicurio-registry-app-$APICURIO_VERSION-all.tar.gz" -C "$download/app"
    rm -rf "$APICURIO_DIR/app" && mv "$download/app" "$APICURIO_DIR/app" && rm -rf "$download"
    [[ -n "$(registry_jar)" ]] || { log "no runnable jar in the Apicurio archive"; return 1; }
  fi
}

# ---- start ----------------------------------------------------------------------------------

start_kafka() {
  if port_open "$KAFKA_PORT"; then
    log "Kafka: something already answers on 127.0.0.1:$KAFKA_PORT, using it"
    return 0
  fi
  mkdir -p "$KAFKA_DIR" "$RUN"
  if ! live_pid kafka "$(pattern_of kafka)" >/dev/null; then
    rm -rf "$KAFKA_DIR/data"
    cat >"$KAFKA_DIR/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$KAFKA_DIR/data
num.partitions=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
default.replication.factor=1
min.insync.replicas=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
PROPS
    # Warnings only, plus the one line that says the broker serves requests (kafka_ready).
    cat >"$KAFKA_DIR/log4j.properties" <<'L4J'
log4j.rootLogger=WARN, stdout
log4j.logger.kafka.server.KafkaRaftServer=INFO
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
L4J
    if ! java -cp "$KAFKA_LIBS/*" kafka.tools.StorageTool format -t "$KAFKA_CLUSTER_ID" \
      -c "$KAFKA_DIR/server.properties" --ignore-formatted >"$KAFKA_DIR/format.log" 2>&1; then
      log "Kafka storage format failed:"; tail -n 20 "$KAFKA_DIR/format.log" >&2; return 1
    fi
    log "starting Kafka $KAFKA_VERSION on 127.0.0.1:$KAFKA_PORT"
    nohup java -Xmx512m -Dlog4j.configuration="file:$KAFKA_DIR/log4j.properties" \
      -cp "$KAFKA_LIBS/*" kafka.Kafka "$KAFKA_DIR/server.properties" >"$KAFKA_DIR/kafka.log" 2>&1 </dev/null &
    echo $! >"$RUN/kafka.pid"
    launched kafka
  fi
  wait_for Kafka "$KAFKA_DIR/kafka.log" "$(<"$RUN/kafka.pid")" kafka_ready || return 1
  log "Kafka up on 127.0.0.1:$KAFKA_PORT (pid $(<"$RUN/kafka.pid"))"
}

start_registry() {
  if port_open "$REGISTRY_PORT"; then
    log "Registry: something already answers on 127.0.0.1:$REGISTRY_PORT, using it"
    wait_for Registry /dev/null "" registry_ready
    return
  fi
  mkdir -p "$RUN"
  if ! live_pid registry "$(pattern_of registry)" >/dev/null; then
    log "starting Apicurio Registry $APICURIO_VERSION on 127.0.0.1:$REGISTRY_PORT"
    nohup java -Xmx384m -Dquarkus.http.port="$REGISTRY_PORT" -Dquarkus.http.host=127.0.0.1 \
      -jar "$(registry_jar)" >"$APICURIO_DIR/registry.log" 2>&1 </dev/null &
    echo $! >"$RUN/registry.pid"
    launched registry
  fi
  wait_for Registry "$APICURIO_DIR/registry.log" "$(<"$RUN/registry.pid")" registry_ready || return 1
  log "Registry up at http://127.0.0.1:$REGISTRY_PORT/apis/ccompat/v7 (pid $(<"$RUN/registry.pid"))"
}

start_redis() {
  if redis_pong; then return 0; fi
  command -v redis-server >/dev/null || { log "Redis: nothing answers on $REDIS_PORT and redis-server is not installed"; return 1; }
  mkdir -p "$RUN"
  log "starting redis-server on 127.0.0.1:$REDIS_PORT"
  redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no \
    --pidfile "$RUN/redis.pid" --logfile "$RUN/redis.log" || return 1
  launched redis
  wait_for Redis "$RUN/redis.log" "" redis_pong
}

start_mosquitto() {
  if mqtt_ready; then return 0; fi
  command -v mosquitto >/dev/null || { log "Mosquitto: nothing answers on $MQTT_PORT and mosquitto is not installed"; return 1; }
  mkdir -p "$RUN"
  local conf=/etc/mosquitto/mosquitto.conf logfile pidfile
  if [[ "$MQTT_PORT" != 1883 || ! -f "$conf" ]]; then
    conf="$RUN/mosquitto.conf"
    # "user" keeps a root-started broker from switching to the mosquitto account, which could not
    # write the pid and log files here.
    printf 'listener %s 127.0.0.1\nallow_anonymous true\npersistence false\nuser %s\npid_file %s\nlog_dest file %s\n' \
      "$MQTT_PORT" "$(id -un)" "$RUN/mosquitto.daemon.pid" "$RUN/mosquitto.log" >"$conf"
  fi
  pidfile=$(awk '$1 == "pid_file" { print $2 }' "$conf")
  logfile=$(awk '$1 == "log_dest" && $2 == "file" { print $3 }' "$conf")
  log "starting mosquitto on 127.0.0.1:$MQTT_PORT ($conf)"
  # Its start-up complaints (e.g. about running as root) go to a file; shown only on failure.
  if ! mosquitto -d -c "$conf" 2>"$RUN/mosquitto.stderr"; then cat "$RUN/mosquitto.stderr" >&2; return 1; fi
  launched mqtt
  wait_for Mosquitto "${logfile:-/dev/null}" "" mqtt_ready || return 1
  # Keep our own copy of the daemon's pid so that `stop` can end exactly this one.
  [[ -n "$pidfile" && -f "$pidfile" ]] && cp "$pidfile" "$RUN/mqtt.pid"
  return 0
}

start() {
  local t0=$SECONDS
  fetch
  # Kafka and the registry are slow JVM starts; overlap them.
  start_kafka &
  local kafka_job=$! failed=0
  start_registry || failed=1
  wait "$kafka_job" || failed=1
  start_redis || failed=1
  start_mosquitto || failed=1
  if ((failed)); then log "start failed"; return 1; fi
  log "all services up ($((SECONDS - t0))s)"
}

# ---- stop / status --------------------------------------------------------------------------

stop() {
  local names=("$@")
  ((${#names[@]})) || names=(registry kafka redis mqtt)
  local name pid
  for name in "${names[@]}"; do
    if pid=$(live_pid "$name" "$(pattern_of "$name")"); then
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
      if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid" 2>/dev/null || true; fi
      log "stopped $name (pid $pid)"
    fi
    rm -f "$RUN/$name.pid"
  done
}

status() {
  local name port probe pid owner
  for spec in kafka:$KAFKA_PORT:port_open registry:$REGISTRY_PORT:registry_ready redis:$REDIS_PORT:redis_pong mqtt:$MQTT_PORT:mqtt_ready; do
    IFS=: read -r name port probe <<<"$spec"
    if pid=$(live_pid "$name" "$(pattern_of "$name")"); then owner="started by services.sh, pid $pid"; else owner="not started by services.sh"; fi
    if "$probe" "$port" 2>/dev/null; then
      printf '%-9s up    127.0.0.1:%s (%s)\n' "$name" "$port" "$owner"
    else
      printf '%-9s down  127.0.0.1:%s\n' "$name" "$port"
    fi
  done
}

cmd="${1:-}"
shift || true
case "$cmd" in
  fetch) fetch ;;
  start) start ;;
  stop) stop "$@" ;;
  status) status ;;
  *) echo "usage: $0 fetch|start|stop [kafka|registry|redis|mqtt ...]|status" >&2; exit 2 ;;
esac
