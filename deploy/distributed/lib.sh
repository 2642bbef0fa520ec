# Shared by start.sh and stop.sh (sourced, not run). Paths, ports and small helpers.

DIST_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT_DIR="$(cd "$DIST_DIR/../.." && pwd)"

# Made on every start: pids, logs, the gateway's generated files.
RUN_DIR="${DISTRIBUTED_RUN_DIR:-$DIST_DIR/.run}"
# Kept between starts: the JWT secret, each service's DATA_DIR, a private PostgreSQL cluster.
STATE_DIR="${DISTRIBUTED_STATE_DIR:-$DIST_DIR/.state}"
SECRET_FILE="$STATE_DIR/secrets/auth-jwt-secret"

# The services, in start order; service i listens on SERVICE_BASE_PORT + i.
SERVICES=(intake claims-review complaint notification analytics)
GATEWAY_PORT="${GATEWAY_PORT:-3000}"
SERVICE_BASE_PORT="${SERVICE_BASE_PORT:-3001}"
PRIVATE_PG_PORT="${PRIVATE_PG_PORT:-5433}"
export KAFKA_PORT="${KAFKA_PORT:-9092}"

log() { echo "[distributed] $*"; }
warn() { echo "[distributed] WARNING: $*" >&2; }

service_port() {
  local i
  for i in "${!SERVICES[@]}"; do
    [[ "${SERVICES[$i]}" == "$1" ]] && { echo $((SERVICE_BASE_PORT + i)); return 0; }
  done
  return 1
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

read_pid() { [[ -f "$1" ]] && tr -dc '0-9' <"$1" || true; }

# pid_is <pid> <text>: the process is alive and its command line contains <text> (guards against pid reuse).
pid_is() {
  [[ -n "${1:-}" ]] && kill -0 "$1" 2>/dev/null || return 1
  [[ -r "/proc/$1/cmdline" ]] || return 0
  [[ "$(tr '\0' ' ' <"/proc/$1/cmdline")" == *"$2"* ]]
}

# stop_pid <pid> <text> <seconds> <label>: SIGTERM (unless it is already gone), then SIGKILL after <seconds>.
stop_pid() {
  local pid="$1" text="$2" grace="$3" label="$4"
  pid_is "$pid" "$text" || return 0
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + grace))
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
  if kill -0 "$pid" 2>/dev/null; then
    warn "$label (pid $pid) did not stop within ${grace}s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    for _ in $(seq 1 25); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  fi
  return 0
}

# The highest PostgreSQL server binaries Debian's packages installed, or PG_BIN.
postgres_bin() {
  if [[ -n "${PG_BIN:-}" ]]; then echo "$PG_BIN"; return; fi
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

# Runs a PostgreSQL server binary as the `postgres` user when we are root (initdb refuses root).
as_postgres() {
  if [[ $EUID -eq 0 ]]; then
    id postgres >/dev/null 2>&1 || { echo "[distributed] ERROR: running as root and there is no postgres user for a private cluster" >&2; return 1; }
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# nginx's njs module, when it is a loadable module (Debian: libnginx-mod-http-js).
nginx_js_module() {
  local dir
  dir="$(nginx -V 2>&1 | tr ' ' '\n' | sed -n 's/^--modules-path=//p')"
  for candidate in "${NGINX_JS_MODULE:-}" "${dir:-/usr/lib/nginx/modules}/ngx_http_js_module.so" /usr/lib/nginx/modules/ngx_http_js_module.so; do
    [[ -n "$candidate" && -f "$candidate" ]] && { echo "$candidate"; return 0; }
  done
  return 1
}

# The unprivileged user nginx runs as when we are root (nginx itself never runs as root here).
gateway_user() {
  if [[ $EUID -ne 0 ]]; then id -un; return; fi
  local user
  for user in www-data nginx nobody; do id "$user" >/dev/null 2>&1 && { echo "$user"; return; }; done
  return 1
}
