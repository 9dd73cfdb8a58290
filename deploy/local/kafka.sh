#!/usr/bin/env bash
# A single Kafka node (broker and controller, KRaft mode) on loopback, from Kafka's own jars on Maven Central:
# no Docker needed. Data and log live in deploy/local/.kafka (or $KAFKA_STATE_DIR).
#
#   deploy/local/kafka.sh start    # listens on 127.0.0.1:${KAFKA_PORT:-9092}
#   deploy/local/kafka.sh stop
#   deploy/local/kafka.sh status
#
# Then run the ledger with LEDGER_KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:9092.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
state=${KAFKA_STATE_DIR:-$here/.kafka}
port=${KAFKA_PORT:-9092}
controller_port=${KAFKA_CONTROLLER_PORT:-9093}
pidfile=$state/kafka.pid

running() { [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; }

start() {
    if running; then echo "Kafka already running (pid $(cat "$pidfile")) on 127.0.0.1:$port"; return; fi
    mkdir -p "$state"
    echo "Resolving Kafka's jars..."
    (cd "$root" && ./mvnw -q -B -f "$here/kafka-broker.pom.xml" dependency:build-classpath \
        -Dmdep.outputFile="$state/classpath" >/dev/null)
    local cp; cp=$(cat "$state/classpath")
    cat > "$state/server.properties" <<PROPERTIES
process.roles=broker,controller
node.id=1
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller_port
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
controller.quorum.bootstrap.servers=127.0.0.1:$controller_port
log.dirs=$state/data
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
PROPERTIES
    cat > "$state/log4j2.properties" <<'LOG4J'
rootLogger.level=INFO
rootLogger.appenderRef.out.ref=out
appender.out.type=Console
appender.out.name=out
appender.out.layout.type=PatternLayout
appender.out.layout.pattern=%d{ISO8601} %-5p [%c{1}] %m%n
LOG4J
    if [ ! -f "$state/data/meta.properties" ]; then
        local cluster; cluster=$(java -cp "$cp" kafka.tools.StorageTool random-uuid)
        java -cp "$cp" kafka.tools.StorageTool format -t "$cluster" -c "$state/server.properties" --standalone >/dev/null
    fi
    nohup java -Xms256m -Xmx512m -Dlog4j2.configurationFile="$state/log4j2.properties" -cp "$cp" kafka.Kafka "$state/server.properties" > "$state/kafka.log" 2>&1 &
    echo $! > "$pidfile"
    for _ in $(seq 1 60); do
        if listening; then echo "Kafka running (pid $(cat "$pidfile")) on 127.0.0.1:$port; log: $state/kafka.log"; return; fi
        if ! running; then echo "Kafka did not start; see $state/kafka.log" >&2; exit 1; fi
        sleep 0.5
    done
    echo "Kafka did not open 127.0.0.1:$port within 30 s; see $state/kafka.log" >&2
    exit 1
}

stop() {
    if ! running; then echo "Kafka is not running"; rm -f "$pidfile"; return; fi
    local pid; pid=$(cat "$pidfile")
    kill "$pid"
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || { rm -f "$pidfile"; echo "Kafka stopped"; return; }; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null || true
    rm -f "$pidfile"
    echo "Kafka killed after 30 s"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    status) if running; then echo "running (pid $(cat "$pidfile")) on 127.0.0.1:$port"; else echo "stopped"; exit 3; fi ;;
    *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
