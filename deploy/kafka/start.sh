#!/usr/bin/env bash
# Start a single-node Apache Kafka broker (KRaft, no ZooKeeper, no Docker)
# on 127.0.0.1, for local development and CI.
#
#   bash deploy/kafka/start.sh        # from anywhere; idempotent
#   bash deploy/kafka/stop.sh [--clean]
#
# First run resolves the Kafka jars from Maven Central with Maven (pom.xml
# next to this script) into .kafka/lib. Needs: java (11+), mvn, bash.
#
# Environment:
#   KAFKA_PORT             client (PLAINTEXT) port           default 9092
#   KAFKA_CONTROLLER_PORT  KRaft controller port              default 9093
#   KAFKA_HOME_DIR         jars/config/data/logs location     default <this dir>/.kafka
#   KAFKA_HEAP_OPTS        JVM heap flags                     default -Xms256m -Xmx512m
#   KAFKA_READY_TIMEOUT    seconds to wait for readiness      default 90
#   KAFKA_CLUSTER_ID       KRaft cluster id used on format    default fixed id below
#   MVN                    maven command                      default mvn
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$SCRIPT_DIR"

KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
KAFKA_HOME_DIR="${KAFKA_HOME_DIR:-$SCRIPT_DIR/.kafka}"
KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m}"
KAFKA_READY_TIMEOUT="${KAFKA_READY_TIMEOUT:-90}"
# Any 16-byte base64url UUID works; a fixed one keeps runs reproducible.
KAFKA_CLUSTER_ID="${KAFKA_CLUSTER_ID:-q1Sh-9_ISia_zwGINzRvyQ}"
MVN="${MVN:-mvn}"

mkdir -p "$KAFKA_HOME_DIR"
KAFKA_HOME_DIR="$(cd "$KAFKA_HOME_DIR" && pwd)"
LIB_DIR="$KAFKA_HOME_DIR/lib"
CONF_DIR="$KAFKA_HOME_DIR/config"
DATA_DIR="$KAFKA_HOME_DIR/data"
LOG_DIR="$KAFKA_HOME_DIR/logs"
PID_FILE="$KAFKA_HOME_DIR/kafka.pid"
SERVER_LOG="$LOG_DIR/server.log"
STAMP_FILE="$LIB_DIR/.resolved-pom.sha256"

log() { echo "[kafka] $*"; }
die() { echo "[kafka] ERROR: $*" >&2; exit 1; }

# Serialise concurrent start.sh runs (e.g. parallel Nx targets) on one home dir.
if command -v flock >/dev/null 2>&1; then
  exec 9>"$KAFKA_HOME_DIR/.start.lock"
  flock -w 300 9 || die "timed out waiting for another start.sh to finish"
fi

if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
  JAVA="$JAVA_HOME/bin/java"
else
  JAVA="$(command -v java || true)"
fi
[[ -n "$JAVA" ]] || die "java not found (install a JDK 11+ or set JAVA_HOME)"

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

pid_alive() { [[ -n "${1:-}" ]] && kill -0 "$1" 2>/dev/null; }

# Alive AND really our broker (a stale pid file may point at a reused PID).
is_our_broker() {
  pid_alive "${1:-}" || return 1
  if [[ -r "/proc/$1/cmdline" ]]; then
    [[ "$(tr '\0' ' ' <"/proc/$1/cmdline")" == *" kafka.Kafka "* ]]
  else
    [[ " $(ps -o args= -p "$1" 2>/dev/null) " == *" kafka.Kafka "* ]]
  fi
}

read_pid() { [[ -f "$PID_FILE" ]] && tr -dc '0-9' <"$PID_FILE" || true; }

show_log_tail() {
  if [[ -f "$SERVER_LOG" ]]; then
    echo "----- last 40 lines of $SERVER_LOG -----" >&2
    tail -n 40 "$SERVER_LOG" >&2 || true
  fi
  if [[ -s "$LOG_DIR/stdout.log" ]]; then
    echo "----- last 20 lines of $LOG_DIR/stdout.log -----" >&2
    tail -n 20 "$LOG_DIR/stdout.log" >&2 || true
  fi
}

# Wait until the broker process logs "Kafka Server started" and the client
# port accepts TCP connections. Exits the script on failure.
wait_ready() {
  local pid="$1" deadline=$((SECONDS + KAFKA_READY_TIMEOUT))
  while ((SECONDS < deadline)); do
    if ! pid_alive "$pid"; then
      echo "[kafka] ERROR: broker process $pid exited during startup" >&2
      show_log_tail
      rm -f "$PID_FILE"
      exit 1
    fi
    if grep -q "Kafka Server started" "$SERVER_LOG" 2>/dev/null && port_open "$KAFKA_PORT"; then
      return 0
    fi
    sleep 0.5
  done
  echo "[kafka] ERROR: broker not ready after ${KAFKA_READY_TIMEOUT}s (pid $pid still running; stop it with stop.sh)" >&2
  show_log_tail
  exit 1
}

# ---- already running? -------------------------------------------------------
existing_pid="$(read_pid)"
if is_our_broker "$existing_pid"; then
  if port_open "$KAFKA_PORT"; then
    log "Kafka already running (pid $existing_pid) on 127.0.0.1:$KAFKA_PORT"
    exit 0
  fi
  log "Kafka process $existing_pid exists but port $KAFKA_PORT is not open yet; waiting..."
  wait_ready "$existing_pid"
  log "Kafka ready on 127.0.0.1:$KAFKA_PORT"
  exit 0
fi
rm -f "$PID_FILE"

for p in "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT"; do
  port_open "$p" && die "port $p on 127.0.0.1 is already in use by another process (not started by this script)"
done

# ---- jars -------------------------------------------------------------------
pom_sum="$(sha256sum pom.xml | cut -d' ' -f1)"
if [[ ! -f "$STAMP_FILE" || "$(cat "$STAMP_FILE")" != "$pom_sum" ]]; then
  command -v "$MVN" >/dev/null 2>&1 || die "'$MVN' not found; Maven is needed once to download the Kafka jars"
  log "Resolving Kafka jars with Maven into $LIB_DIR (first run only)..."
  rm -rf "$LIB_DIR"
  mkdir -p "$LIB_DIR"
  if ! "$MVN" -q -B -Dstyle.color=never -f "$SCRIPT_DIR/pom.xml" \
      dependency:copy-dependencies "-Dkafka.lib.dir=$LIB_DIR" \
      >"$KAFKA_HOME_DIR/maven.log" 2>&1 </dev/null; then
    tail -n 40 "$KAFKA_HOME_DIR/maven.log" >&2 || true
    die "Maven failed to resolve the Kafka jars (full output: $KAFKA_HOME_DIR/maven.log)"
  fi
  ls "$LIB_DIR"/kafka_2.13-*.jar >/dev/null 2>&1 || die "kafka_2.13 jar missing from $LIB_DIR after Maven run"
  echo "$pom_sum" >"$STAMP_FILE"
fi
CLASSPATH_GLOB="$LIB_DIR/*"

# ---- config -----------------------------------------------------------------
mkdir -p "$CONF_DIR" "$DATA_DIR" "$LOG_DIR"

cat >"$CONF_DIR/server.properties" <<EOF
# Generated by deploy/kafka/start.sh -- edits are overwritten on every start.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:${KAFKA_CONTROLLER_PORT}
controller.listener.names=CONTROLLER
listeners=PLAINTEXT://127.0.0.1:${KAFKA_PORT},CONTROLLER://127.0.0.1:${KAFKA_CONTROLLER_PORT}
advertised.listeners=PLAINTEXT://127.0.0.1:${KAFKA_PORT}
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT

log.dirs=${DATA_DIR}
num.partitions=3
default.replication.factor=1
min.insync.replicas=1
auto.create.topics.enable=true
delete.topic.enable=true

# Single node: internal topics with RF 1 and few partitions.
offsets.topic.replication.factor=1
offsets.topic.num.partitions=3
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=3
group.initial.rebalance.delay.ms=0

# Small footprint for dev/CI machines.
num.network.threads=2
num.io.threads=4
num.recovery.threads.per.data.dir=1
background.threads=4
log.segment.bytes=16777216
log.retention.hours=168
log.retention.check.interval.ms=300000
log.index.size.max.bytes=1048576
log.cleaner.threads=1
log.cleaner.dedupe.buffer.size=8388608
socket.send.buffer.bytes=102400
socket.receive.buffer.bytes=102400
socket.request.max.bytes=104857600
EOF

cat >"$CONF_DIR/log4j.properties" <<'EOF'
# Generated by deploy/kafka/start.sh. All broker logging goes to
# ${kafka.logs.dir}/server.log (set with -Dkafka.logs.dir), not the terminal.
log4j.rootLogger=INFO, file
log4j.appender.file=org.apache.log4j.RollingFileAppender
log4j.appender.file.File=${kafka.logs.dir}/server.log
log4j.appender.file.MaxFileSize=20MB
log4j.appender.file.MaxBackupIndex=3
log4j.appender.file.layout=org.apache.log4j.PatternLayout
log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n

log4j.logger.kafka.request.logger=WARN
log4j.logger.state.change.logger=WARN
log4j.logger.kafka.log.LogCleaner=WARN
log4j.logger.org.apache.kafka.storage.internals.log.LogConfig=WARN
log4j.logger.org.apache.kafka.clients.consumer.ConsumerConfig=WARN
log4j.logger.org.apache.kafka.clients.producer.ProducerConfig=WARN
log4j.logger.org.apache.kafka.clients.admin.AdminClientConfig=WARN
EOF

cat >"$CONF_DIR/tools-log4j.properties" <<'EOF'
# Generated by deploy/kafka/start.sh. For CLI tools (storage format, topics,
# console producer/consumer): warnings only, to stderr.
log4j.rootLogger=WARN, stderr
log4j.appender.stderr=org.apache.log4j.ConsoleAppender
log4j.appender.stderr.Target=System.err
log4j.appender.stderr.layout=org.apache.log4j.PatternLayout
log4j.appender.stderr.layout.ConversionPattern=[%d] %p %m (%c)%n
EOF

JAVA_BASE_OPTS=(-Djava.awt.headless=true -cp "$CLASSPATH_GLOB")
TOOLS_OPTS=(-Xmx256m "-Dlog4j.configuration=file:$CONF_DIR/tools-log4j.properties" "${JAVA_BASE_OPTS[@]}")
BROKER_OPTS=(
  $KAFKA_HEAP_OPTS
  -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35
  -XX:+ExplicitGCInvokesConcurrent -XX:+ExitOnOutOfMemoryError
  "-Dkafka.logs.dir=$LOG_DIR"
  "-Dlog4j.configuration=file:$CONF_DIR/log4j.properties"
  "${JAVA_BASE_OPTS[@]}"
)

# ---- format storage once ----------------------------------------------------
if [[ ! -f "$DATA_DIR/meta.properties" ]]; then
  log "Formatting KRaft storage in $DATA_DIR (cluster id $KAFKA_CLUSTER_ID)"
  "$JAVA" "${TOOLS_OPTS[@]}" kafka.tools.StorageTool format \
      -t "$KAFKA_CLUSTER_ID" -c "$CONF_DIR/server.properties" \
      >"$LOG_DIR/format.log" 2>&1 </dev/null \
    || { cat "$LOG_DIR/format.log" >&2; die "storage format failed"; }
fi

# ---- start ------------------------------------------------------------------
# Keep the previous run's log for post-mortems; readiness is judged on a fresh one.
[[ -f "$SERVER_LOG" ]] && mv -f "$SERVER_LOG" "$SERVER_LOG.prev"

launcher=(nohup)
command -v setsid >/dev/null 2>&1 && launcher=(setsid nohup)
"${launcher[@]}" "$JAVA" "${BROKER_OPTS[@]}" kafka.Kafka "$CONF_DIR/server.properties" \
  >"$LOG_DIR/stdout.log" 2>&1 </dev/null 9>&- &
pid=$!
echo "$pid" >"$PID_FILE"
log "Starting Kafka (pid $pid), logs in $SERVER_LOG ..."

start_time=$SECONDS
wait_ready "$pid"
log "Kafka ready on 127.0.0.1:$KAFKA_PORT (took $((SECONDS - start_time))s)"
