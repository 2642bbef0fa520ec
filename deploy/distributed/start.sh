#!/usr/bin/env bash
# The distributed platform with one command, without Docker (npm run start:distributed):
#
#   1. PostgreSQL: the local server if it answers (database `claims` created when missing), else a
#      private cluster made with PostgreSQL's own initdb/pg_ctl under .state/postgres (port 5433);
#   2. Kafka: deploy/kafka/start.sh (or the broker already listening on KAFKA_PORT);
#   3. the JWT secret: generated once into .state/secrets/auth-jwt-secret;
#   4. the five services, each its own process on 3001-3005 (EVENT_STORE=postgres, READ_MODELS=postgres,
#      BUS=kafka), logs and pids under .run/; waits for each /health;
#   5. the API gateway: nginx on 3000 (routes, request ids, rate limits, body limits, /health of
#      every service, the merged OpenAPI document), as an unprivileged process with its files in .run/gateway;
#   6. intake's demo policies, imported through the API with an admin token.
#
# Stop everything with `npm run stop:distributed` (bash deploy/distributed/stop.sh [--clean]).
#
# Environment (all optional):
#   DISTRIBUTED_DATABASE_URL  PostgreSQL to use               default postgres://postgres@127.0.0.1:5432/claims
#                             (when set and not reachable, start fails instead of making a private cluster)
#   DISTRIBUTED_POSTGRES      auto | local | private          default auto (local if it answers, else private)
#   PRIVATE_PG_PORT           port of the private cluster     default 5433
#   KAFKA_PORT                Kafka's port                     default 9092
#   GATEWAY_PORT / SERVICE_BASE_PORT                           default 3000 / 3001
#   GATEWAY_LISTEN            gateway's listen address         default 127.0.0.1:$GATEWAY_PORT
#   EVENT_STORE               postgres | esdb (with EVENTSTORE_URL)  default postgres
#   RATE_LIMIT_PER_MINUTE     per caller, at the gateway       default 600
#   LOG_LEVEL, SCHEMA_PREFIX, WORKING_CALENDAR_FILE, IDEMPOTENCY_LEASE_SECONDS, REBUILD_READ_MODELS: passed to the services
#   SERVICE_READY_TIMEOUT     seconds to wait for each /health default 120
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT_DIR"

die() {
  echo "[distributed] ERROR: $*" >&2
  exit 1
}

mkdir -p "$RUN_DIR" "$STATE_DIR"
exec 8>"$STATE_DIR/.lock"
flock -w 120 8 || die "another start.sh or stop.sh is running"

# ---- prerequisites ------------------------------------------------------------------------
command -v node >/dev/null || die "node not found"
command -v curl >/dev/null || die "curl not found: apt-get install -y curl"
[[ -d node_modules/@swc-node/register ]] || die "dependencies missing: run npm ci first"
if ! command -v nginx >/dev/null; then
  die "nginx not found. The gateway is nginx from Debian's packages: apt-get install -y nginx libnginx-mod-http-js"
fi
NGINX_JS="$(nginx_js_module || true)"
if [[ -z "$NGINX_JS" ]] && ! nginx -V 2>&1 | grep -q 'njs\|http_js'; then
  die "nginx's JavaScript module (njs) not found; it aggregates /health: apt-get install -y libnginx-mod-http-js"
fi
GATEWAY_USER="$(gateway_user)" || die "no unprivileged user to run nginx as (www-data or nobody)"

# ---- already running? ---------------------------------------------------------------------
running=()
for s in "${SERVICES[@]}"; do
  pid_is "$(read_pid "$RUN_DIR/pids/$s.pid")" "services/$s/src/main.ts" && running+=("$s")
done
gateway_pid="$(read_pid "$RUN_DIR/gateway/nginx.pid")"
if ((${#running[@]} == ${#SERVICES[@]})) && pid_is "$gateway_pid" nginx; then
  log "already running: gateway on http://127.0.0.1:$GATEWAY_PORT (stop with npm run stop:distributed)"
  exit 0
fi
((${#running[@]} == 0)) || die "partly running (${running[*]}): run npm run stop:distributed first"

rm -rf "$RUN_DIR/pids" "$RUN_DIR/gateway"
mkdir -p "$RUN_DIR/pids" "$RUN_DIR/logs" "$RUN_DIR/started" "$STATE_DIR/secrets" "$STATE_DIR/data"

for s in "${SERVICES[@]}"; do
  port_open "$(service_port "$s")" && die "port $(service_port "$s") (for $s) is already in use"
done
port_open "$GATEWAY_PORT" && die "port $GATEWAY_PORT (for the gateway) is already in use"

# On any failure from here on: stop what this run started, so nothing lingers half-started.
started_ok=0
on_exit() {
  if ((started_ok == 0)); then
    echo "[distributed] start failed; stopping what was started (logs stay in $RUN_DIR/logs)" >&2
    flock -u 8 || true
    DISTRIBUTED_STOP_QUIET=1 bash "$DIST_DIR/stop.sh" >&2 || true
  fi
}
trap on_exit EXIT

t0=$SECONDS

# ---- 1. PostgreSQL ------------------------------------------------------------------------
ensure_database() { node -r @swc-node/register "$DIST_DIR/ensure-database.ts" "$@"; }
DATABASE_URL="${DISTRIBUTED_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/claims}"
case "${DISTRIBUTED_POSTGRES:-auto}" in
  auto | local)
    set +e
    ensure_database "$DATABASE_URL" 2>"$RUN_DIR/logs/postgres-check.log"
    pg_status=$?
    set -e
    [[ "${DISTRIBUTED_POSTGRES:-auto}" == local || -n "${DISTRIBUTED_DATABASE_URL:-}" ]] && ((pg_status == 2)) && pg_status=1
    ;;
  private) pg_status=2 && echo "DISTRIBUTED_POSTGRES=private" >"$RUN_DIR/logs/postgres-check.log" ;;
  *) die "DISTRIBUTED_POSTGRES must be auto, local or private" ;;
esac
if ((pg_status == 2)); then
  log "PostgreSQL: $(tail -n 1 "$RUN_DIR/logs/postgres-check.log"); starting a private cluster"
  PG_BIN_DIR="$(postgres_bin)"
  [[ -n "$PG_BIN_DIR" && -x "$PG_BIN_DIR/initdb" ]] ||
    die "no PostgreSQL reachable and no initdb to make a private cluster: apt-get install -y postgresql (or set DISTRIBUTED_DATABASE_URL)"
  PG_DATA="$STATE_DIR/postgres"
  if [[ ! -f "$PG_DATA/PG_VERSION" ]]; then
    mkdir -p "$PG_DATA"
    chmod 700 "$PG_DATA"
    [[ $EUID -eq 0 ]] && chown postgres: "$PG_DATA"
    log "initdb $PG_DATA"
    as_postgres "$PG_BIN_DIR/initdb" -D "$PG_DATA" -U postgres --auth=trust -E UTF8 >"$RUN_DIR/logs/initdb.log" 2>&1 ||
      { cat "$RUN_DIR/logs/initdb.log" >&2; die "initdb failed"; }
  fi
  if ! as_postgres "$PG_BIN_DIR/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1; then
    port_open "$PRIVATE_PG_PORT" && die "port $PRIVATE_PG_PORT (private PostgreSQL) is already in use"
    as_postgres "$PG_BIN_DIR/pg_ctl" -D "$PG_DATA" -l "$PG_DATA/server.log" -w -t 60 \
      -o "-p $PRIVATE_PG_PORT -k $PG_DATA -c listen_addresses=127.0.0.1" start >/dev/null 8>&- ||
      { tail -n 30 "$PG_DATA/server.log" >&2; die "the private PostgreSQL cluster did not start"; }
    echo "$PG_BIN_DIR" >"$RUN_DIR/started/postgres"
  fi
  DATABASE_URL="postgres://postgres@127.0.0.1:$PRIVATE_PG_PORT/claims"
  ensure_database "$DATABASE_URL" || die "cannot create the claims database in the private cluster"
  log "PostgreSQL: private cluster $PG_DATA on 127.0.0.1:$PRIVATE_PG_PORT"
elif ((pg_status == 0)); then
  log "PostgreSQL: $(echo "$DATABASE_URL" | sed -E 's#//([^:/@]+):[^@/]*@#//\1:***@#')"
else
  cat "$RUN_DIR/logs/postgres-check.log" >&2
  die "PostgreSQL at $DATABASE_URL is not usable"
fi

# ---- 2. Kafka -----------------------------------------------------------------------------
KAFKA_BROKERS="127.0.0.1:$KAFKA_PORT"
if port_open "$KAFKA_PORT"; then
  if [[ -f "$RUN_DIR/started/kafka" ]]; then log "Kafka: already running on $KAFKA_BROKERS (started by an earlier start)"; else log "Kafka: already listening on $KAFKA_BROKERS (left running at stop)"; fi
else
  touch "$RUN_DIR/started/kafka" # stop.sh stops the broker this run starts, and only that one
  bash "$ROOT_DIR/deploy/kafka/start.sh" 8>&- | sed 's/^/  /' || die "Kafka did not start (see deploy/kafka/.kafka/logs)"
fi

# ---- 3. the platform's JWT secret ---------------------------------------------------------
if [[ ! -s "$SECRET_FILE" ]]; then
  (umask 077 && node -e 'process.stdout.write(require("node:crypto").randomBytes(32).toString("base64url"))' >"$SECRET_FILE")
  log "generated the JWT secret in $SECRET_FILE"
fi
chmod 600 "$SECRET_FILE"
AUTH_JWT_SECRET="$(cat "$SECRET_FILE")"

# ---- 4. the services ----------------------------------------------------------------------
RATE_LIMIT_PER_MINUTE="${RATE_LIMIT_PER_MINUTE:-600}"
{
  echo "# Written by deploy/distributed/start.sh: what the services run on (source it; the secret is in $SECRET_FILE)."
  echo "export DATABASE_URL='$DATABASE_URL' KAFKA_BROKERS='$KAFKA_BROKERS' GATEWAY_URL='http://127.0.0.1:$GATEWAY_PORT'"
  echo "export SCHEMA_PREFIX='${SCHEMA_PREFIX:-}'"
  echo "export AUTH_JWT_SECRET=\"\$(cat '$SECRET_FILE')\""
} >"$RUN_DIR/env"

for s in "${SERVICES[@]}"; do
  port="$(service_port "$s")"
  mkdir -p "$STATE_DIR/data/$s"
  : >"$RUN_DIR/logs/$s.log"
  # The gateway enforces the per-caller rate limit; each process keeps a backstop ten times as high.
  PORT="$port" DATA_DIR="$STATE_DIR/data/$s" EVENT_STORE="${EVENT_STORE:-postgres}" READ_MODELS=postgres BUS=kafka \
    DATABASE_URL="$DATABASE_URL" KAFKA_BROKERS="$KAFKA_BROKERS" AUTH_JWT_SECRET="$AUTH_JWT_SECRET" \
    RATE_LIMIT_PER_MINUTE=$((RATE_LIMIT_PER_MINUTE * 10)) \
    setsid nohup node -r @swc-node/register "services/$s/src/main.ts" >>"$RUN_DIR/logs/$s.log" 2>&1 </dev/null 8>&- &
  echo $! >"$RUN_DIR/pids/$s.pid"
  log "started $s (pid $!) on :$port, log $RUN_DIR/logs/$s.log"
done

deadline=$((SECONDS + ${SERVICE_READY_TIMEOUT:-120}))
for s in "${SERVICES[@]}"; do
  port="$(service_port "$s")"
  pid="$(read_pid "$RUN_DIR/pids/$s.pid")"
  until [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health")" == 200 ]]; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "----- last 20 lines of $RUN_DIR/logs/$s.log -----" >&2
      tail -n 20 "$RUN_DIR/logs/$s.log" >&2
      die "$s exited during start"
    fi
    if ((SECONDS > deadline)); then
      curl -s "http://127.0.0.1:$port/health" >&2 || true
      die "$s not healthy after ${SERVICE_READY_TIMEOUT:-120}s (log: $RUN_DIR/logs/$s.log)"
    fi
    sleep 0.5
  done
  log "$s is up"
done

# ---- 5. the gateway -----------------------------------------------------------------------
GATEWAY_DIR="$RUN_DIR/gateway"
mkdir -p "$GATEWAY_DIR"
gateway_services=()
for s in "${SERVICES[@]}"; do gateway_services+=("$s=127.0.0.1:$(service_port "$s")"); done
log "gateway routes (read from the services' OpenAPI documents):"
GATEWAY_SERVICES="$(IFS=,; echo "${gateway_services[*]}")" GATEWAY_DIR="$GATEWAY_DIR" \
  GATEWAY_LISTEN="${GATEWAY_LISTEN:-127.0.0.1:$GATEWAY_PORT}" NGINX_JS_MODULE="$NGINX_JS" \
  RATE_LIMIT_PER_MINUTE="$RATE_LIMIT_PER_MINUTE" \
  node -r @swc-node/register "$DIST_DIR/gateway/build-gateway.ts"
gateway_group="$(id -gn "$GATEWAY_USER")"
[[ $EUID -eq 0 ]] && chown -R "$GATEWAY_USER:$gateway_group" "$GATEWAY_DIR"
as_gateway() {
  if [[ $EUID -eq 0 ]]; then setpriv --reuid="$GATEWAY_USER" --regid="$gateway_group" --init-groups -- "$@"; else "$@"; fi
}
nginx_args=(-p "$GATEWAY_DIR" -c "$GATEWAY_DIR/nginx.conf" -e "$GATEWAY_DIR/error.log")
as_gateway nginx "${nginx_args[@]}" -t -q || die "nginx refused the generated configuration ($GATEWAY_DIR/nginx.conf)"
as_gateway nginx "${nginx_args[@]}" 8>&- || die "nginx did not start (see $GATEWAY_DIR/error.log)"
for _ in $(seq 1 50); do [[ -s "$GATEWAY_DIR/nginx.pid" ]] && port_open "$GATEWAY_PORT" && break; sleep 0.1; done
port_open "$GATEWAY_PORT" || die "the gateway does not listen on $GATEWAY_PORT (see $GATEWAY_DIR/error.log)"
health="$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$GATEWAY_PORT/health")"
[[ "$health" == 200 ]] || die "the gateway's /health answered $health"
log "gateway (nginx, user $GATEWAY_USER, pid $(read_pid "$GATEWAY_DIR/nginx.pid")) on http://127.0.0.1:$GATEWAY_PORT"

# ---- 6. demo policies ---------------------------------------------------------------------
log "demo policies (intake's data/demo-policies.json) through POST /api/v1/policies/bulk:"
AUTH_JWT_SECRET="$AUTH_JWT_SECRET" GATEWAY_URL="http://127.0.0.1:$GATEWAY_PORT" \
  node -r @swc-node/register "$DIST_DIR/load-demo-policies.ts"

started_ok=1
log "ready in $((SECONDS - t0))s:"
cat <<EOF
  gateway    http://127.0.0.1:$GATEWAY_PORT  (/api/v1/..., /health, /api/docs)
$(for s in "${SERVICES[@]}"; do printf '  %-13s http://127.0.0.1:%s\n' "$s" "$(service_port "$s")"; done)
  logs       $RUN_DIR/logs/<service>.log, gateway: $GATEWAY_DIR/access.log, error.log
  tokens     export AUTH_JWT_SECRET="\$(cat $SECRET_FILE)"
             TOKEN=\$(npm run -s token -- --role customer-service)
  stop       npm run stop:distributed
EOF
