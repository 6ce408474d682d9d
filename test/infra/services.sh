#!/usr/bin/env bash
# Real services for integration tests and CI, all on 127.0.0.1:
#   Apache Kafka (single-node KRaft broker, jars from Maven Central)   :9092 (controller :9093)
#   Apicurio Registry (Confluent-compatible API at /apis/ccompat/v7)   :8081
#   Redis and Mosquitto: the machine's own, started only if nothing answers.
# Usage: test/infra/services.sh fetch|start|stop|status
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CACHE="$ROOT/.cache/services"
MAVEN="$ROOT/test/infra/maven"
KAFKA_VERSION=3.9.1
# The design names Apicurio 3.1.7, but Maven Central does not carry it (its metadata lists 3.0.9
# and 3.3.x, and 3.3 needs Java 21). 3.0.9 is the newest that Central has and Java 17 runs.
APICURIO_VERSION=3.0.9
KAFKA_LIBS="$CACHE/kafka-libs"
KAFKA_DIR="$CACHE/kafka"
APICURIO_DIR="$CACHE/apicurio"
RUN="$CACHE/run"

log() { printf '[services] %s\n' "$*" >&2; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && exec 3>&- 3<&- ; }

wait_for() { # name, seconds, command...
  local name=$1 timeout=$2; shift 2
  local deadline=$((SECONDS + timeout))
  until "$@"; do
    if ((SECONDS > deadline)); then log "$name did not come up within ${timeout}s"; return 1; fi
    sleep 0.5
  done
}

fetch() {
  mkdir -p "$CACHE"
  if [ ! -f "$KAFKA_LIBS/kafka_2.13-$KAFKA_VERSION.jar" ]; then
    log "fetching Apache Kafka $KAFKA_VERSION jars from Maven Central"
    mvn -q -B -s "$MAVEN/settings.xml" -f "$MAVEN/kafka-pom.xml" dependency:copy-dependencies \
      -DincludeScope=runtime -DoutputDirectory="$KAFKA_LIBS"
  fi
  if [ -z "$(registry_jar)" ]; then
    log "fetching Apicurio Registry $APICURIO_VERSION from Maven Central"
    mkdir -p "$APICURIO_DIR"
    mvn -q -B -s "$MAVEN/settings.xml" -f "$MAVEN/kafka-pom.xml" dependency:copy \
      -Dartifact="io.apicurio:apicurio-registry-app:$APICURIO_VERSION:tar.gz:all" -DoutputDirectory="$APICURIO_DIR"
    rm -rf "$APICURIO_DIR/app" && mkdir -p "$APICURIO_DIR/app"
    tar -xzf "$APICURIO_DIR/apicurio-registry-app-$APICURIO_VERSION-all.tar.gz" -C "$APICURIO_DIR/app"
    # The archive may hold the quarkus-app folder one level down.
    if [ -z "$(registry_jar)" ]; then
      local found; found=$(find "$APICURIO_DIR/app" -name quarkus-run.jar | head -1)
      [ -n "$found" ] && mv "$(dirname "$found")" "$APICURIO_DIR/app/quarkus-app.tmp" && rm -rf "$APICURIO_DIR/app/quarkus-app" && mv "$APICURIO_DIR/app/quarkus-app.tmp" "$APICURIO_DIR/app/quarkus-app"
    fi
    rm -f "$APICURIO_DIR"/*.tar.gz
  fi
}

start_kafka() {
  if port_open 9092; then log "Kafka: something already answers on 9092, using it"; return; fi
  mkdir -p "$KAFKA_DIR" "$RUN"
  rm -rf "$KAFKA_DIR/data"
  cat > "$KAFKA_DIR/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:9093
listeners=PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093
advertised.listeners=PLAINTEXT://127.0.0.1:9092
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$KAFKA_DIR/data
num.partitions=3
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
default.replication.factor=1
min.insync.replicas=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
PROPS
  java -cp "$KAFKA_LIBS/*" kafka.tools.StorageTool format -t "fruehwarnTestCluster01" \
    -c "$KAFKA_DIR/server.properties" --ignore-formatted > "$KAFKA_DIR/format.log" 2>&1
  nohup java -Xmx512m -Dlog4j.configuration="file:$KAFKA_DIR/log4j.properties" -cp "$KAFKA_LIBS/*" kafka.Kafka "$KAFKA_DIR/server.properties" \
    > "$KAFKA_DIR/kafka.log" 2>&1 &
  echo $! > "$RUN/kafka.pid"
  cat > "$KAFKA_DIR/log4j.properties" <<'L4J'
log4j.rootLogger=WARN, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
L4J
  if ! wait_for Kafka 90 port_open 9092; then tail -30 "$KAFKA_DIR/kafka.log" >&2; exit 1; fi
  log "Kafka $KAFKA_VERSION up on 127.0.0.1:9092 (pid $(cat "$RUN/kafka.pid"))"
}

# 3.0.x ships a runner jar with lib/ beside it; later releases a quarkus-app/quarkus-run.jar.
registry_jar() { find "$APICURIO_DIR/app" -maxdepth 3 \( -name '*-runner.jar' -o -name quarkus-run.jar \) 2>/dev/null | head -1; }

registry_ready() { curl -fs -o /dev/null http://127.0.0.1:8081/apis/ccompat/v7/subjects; }

start_registry() {
  if port_open 8081; then log "Registry: something already answers on 8081, using it"; return; fi
  mkdir -p "$RUN"
  nohup java -Xmx384m -Dquarkus.http.port=8081 -Dquarkus.http.host=127.0.0.1 \
    -jar "$(registry_jar)" > "$APICURIO_DIR/registry.log" 2>&1 &
  echo $! > "$RUN/registry.pid"
  if ! wait_for Registry 120 registry_ready; then tail -30 "$APICURIO_DIR/registry.log" >&2; exit 1; fi
  log "Apicurio Registry $APICURIO_VERSION up on 127.0.0.1:8081 (pid $(cat "$RUN/registry.pid"))"
}

start_redis() {
  if port_open 6379; then return; fi
  log "starting redis-server"
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no >/dev/null
  wait_for Redis 20 port_open 6379
}

start_mosquitto() {
  if port_open 1883; then return; fi
  log "starting mosquitto"
  mosquitto -d -c /etc/mosquitto/mosquitto.conf
  wait_for Mosquitto 20 port_open 1883
}

start() {
  fetch
  start_kafka &
  local kafka_job=$!
  start_registry
  wait "$kafka_job"
  start_redis
  start_mosquitto
}

stop() {
  for name in registry kafka; do
    local pidfile="$RUN/$name.pid"
    [ -f "$pidfile" ] || continue
    local pid; pid=$(cat "$pidfile")
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
      kill -9 "$pid" 2>/dev/null || true
      log "stopped $name"
    fi
    rm -f "$pidfile"
  done
}

status() {
  for svc in kafka:9092 registry:8081 redis:6379 mqtt:1883; do
    if port_open "${svc#*:}"; then echo "${svc%%:*} up (127.0.0.1:${svc#*:})"; else echo "${svc%%:*} down"; fi
  done
}

case "${1:-}" in
  fetch) fetch ;;
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 fetch|start|stop|status" >&2; exit 2 ;;
esac
