# Shared helpers for the scripts in infra/bin. Source it; it does nothing on its own.
# shellcheck shell=bash
# shellcheck disable=SC2034  # the settings below are used by the scripts that source this file

# The repository root, whatever the caller's working directory.
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
COMPOSE_FILE="$REPO_ROOT/infra/docker-compose.yml"

RABBIT_HOST=127.0.0.1
RABBIT_PORT=5672
RABBIT_USER=guest
RABBIT_PASSWORD=guest
MANAGEMENT_URL="http://$RABBIT_HOST:15672"
PG_HOST=127.0.0.1
PG_PORT=5432
PG_USER=postgres
SAGA_VHOST=saga
SAGA_DATABASE=saga

say() {
    printf '%s\n' "$*"
}

fail() {
    printf 'error: %s\n' "$*" >&2
    exit 1
}

# True when something accepts TCP connections on host:port.
port_answers() {
    timeout 2 bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null
}

# Runs a service-control command as root: directly when we are root, through password-less sudo otherwise.
as_admin() {
    if [[ $EUID -eq 0 ]]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        sudo -n "$@"
    else
        "$@"
    fi
}

# The Docker Compose command line ("docker compose" or "docker-compose") in COMPOSE_CMD; fails when no Docker
# engine answers. Asked once per script run, since "docker info" is slow.
COMPOSE_CMD=""
detect_compose() {
    if [[ -z "$COMPOSE_CMD" ]]; then
        COMPOSE_CMD=none
        if command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then
            if docker compose version >/dev/null 2>&1; then
                COMPOSE_CMD="docker compose"
            elif command -v docker-compose >/dev/null 2>&1; then
                COMPOSE_CMD="docker-compose"
            fi
        fi
    fi
    [[ "$COMPOSE_CMD" != none ]]
}

compose() {
    detect_compose || fail "Docker Compose is not available"
    # shellcheck disable=SC2086  # the command is one or two words on purpose
    $COMPOSE_CMD -f "$COMPOSE_FILE" "$@"
}

# True when the compose project's postgres container is running.
compose_postgres_running() {
    detect_compose && [[ -n "$(compose ps -q postgres 2>/dev/null)" ]]
}

# psql as the superuser against DATABASE, unaligned, tuples only, stopping at the first error:
#   pg DATABASE -c "SQL"
# Uses the local client when there is one, the client inside the compose container otherwise.
PSQL_VIA=""
pg() {
    local database="$1"
    shift
    local opts=(-X -q -A -t -v ON_ERROR_STOP=1 -U "$PG_USER" -d "$database")
    if [[ -z "$PSQL_VIA" ]]; then
        if command -v psql >/dev/null 2>&1; then
            PSQL_VIA=local
        elif compose_postgres_running; then
            PSQL_VIA=docker
        else
            fail "no psql client: install postgresql-client (Debian) or run PostgreSQL via infra/docker-compose.yml"
        fi
    fi
    if [[ "$PSQL_VIA" == local ]]; then
        psql -h "$PG_HOST" -p "$PG_PORT" "${opts[@]}" "$@"
    else
        compose exec -T postgres psql "${opts[@]}" "$@"
    fi
}

# Calls the RabbitMQ management API and prints the HTTP status (000 when nothing answers):
#   management METHOD PATH [JSON-BODY]
management() {
    local method="$1" path="$2" body="${3:-}"
    local args=(-s -o /dev/null -w '%{http_code}' --max-time 10 -u "$RABBIT_USER:$RABBIT_PASSWORD" -X "$method")
    if [[ -n "$body" ]]; then
        args+=(-H 'content-type: application/json' --data "$body")
    fi
    curl "${args[@]}" "$MANAGEMENT_URL$path" || true
}

management_answers() {
    [[ "$(management GET /api/overview)" == 200 ]]
}

# Gives the guest user full rights on the vhost (an idempotent PUT).
grant_guest() {
    local vhost="$1" status
    status="$(management PUT "/api/permissions/$vhost/$RABBIT_USER" '{"configure":".*","write":".*","read":".*"}')"
    [[ "$status" == 2* ]] || fail "could not grant $RABBIT_USER permissions on vhost $vhost (HTTP $status)"
}

# Creates the vhost (an idempotent PUT).
create_vhost() {
    local vhost="$1" status
    status="$(management PUT "/api/vhosts/$vhost" '{}')"
    [[ "$status" == 2* ]] || fail "could not create vhost $vhost (HTTP $status)"
}

# Waits until a command succeeds, checking every second: wait_for SECONDS COMMAND...
# Whether Debian's PostgreSQL cluster VERSION/NAME exists (pg_lsclusters), and whether it is online.
pg_cluster_exists() {
    pg_lsclusters -h 2>/dev/null | awk -v v="$1" -v c="$2" '$1 == v && $2 == c { found = 1 } END { exit !found }'
}

pg_cluster_online() {
    pg_lsclusters -h 2>/dev/null | awk -v v="$1" -v c="$2" \
        '$1 == v && $2 == c && $4 ~ /^online/ { found = 1 } END { exit !found }'
}

wait_for() {
    local seconds="$1"
    shift
    local deadline=$((SECONDS + seconds))
    until "$@"; do
        if ((SECONDS >= deadline)); then
            return 1
        fi
        sleep 1
    done
}

# Creates (or updates) one broker user per service with the rights in infra/rabbitmq/service-users.json on the
# vhost. Passwords come from SAGA_RABBIT_PASSWORD_<SERVICE>, else <service>-local, as the services expect.
apply_service_users() {
    local vhost="$1" file="$REPO_ROOT/infra/rabbitmq/service-users.json" name password password_var status user topic
    command -v jq >/dev/null 2>&1 || fail "jq is needed to read $file (apt-get install jq)"
    while IFS= read -r user; do
        name="$(jq -r .name <<<"$user")"
        password_var="SAGA_RABBIT_PASSWORD_${name^^}"
        password="${!password_var:-$name-local}"
        status="$(management PUT "/api/users/$name" "$(jq -c --arg p "$password" "{password: \$p, tags}" <<<"$user")")"
        [[ "$status" == 2* ]] || fail "could not create RabbitMQ user $name (HTTP $status)"
        status="$(management PUT "/api/permissions/$vhost/$name" "$(jq -c '{configure, write, read}' <<<"$user")")"
        [[ "$status" == 2* ]] || fail "could not set permissions of $name on vhost $vhost (HTTP $status)"
        while IFS= read -r topic; do
            status="$(management PUT "/api/topic-permissions/$vhost/$name" "$topic")"
            [[ "$status" == 2* ]] || fail "could not set topic permissions of $name on vhost $vhost (HTTP $status)"
        done < <(jq -c '.topic[]' <<<"$user")
    done < <(jq -c '.users[]' "$file")
}

# Exports SAGA_RABBIT_PASSWORD_<SERVICE> as <service>-local for every service user that has none: the passwords
# apply_service_users gives the users then. For runs that start the services outside the demo profile (the
# bench, the chaos runner), whose services refuse to start without their password variable.
export_local_broker_passwords() {
    local name password_var
    command -v jq >/dev/null 2>&1 || fail "jq is needed to read infra/rabbitmq/service-users.json (apt-get install jq)"
    for name in $(jq -r '.users[].name' "$REPO_ROOT/infra/rabbitmq/service-users.json"); do
        password_var="SAGA_RABBIT_PASSWORD_${name^^}"
        export "$password_var=${!password_var:-$name-local}"
    done
}

# The services' database roles (saga_<service>), as infra/postgres/service-roles.sql creates them.
SERVICE_ROLES=(orchestrator order inventory payment shipping notification risk)

# Creates one database role per service in the cluster, each the owner of its own schema in DATABASE and of
# nothing else (infra/postgres/service-roles.sql; idempotent). A role whose SAGA_DB_PASSWORD_<SERVICE> is set
# gets that password; with trust on loopback none is needed.
apply_database_roles() {
    local database="$1" service password_var
    pg "$database" <"$REPO_ROOT/infra/postgres/service-roles.sql" >/dev/null \
        || fail "could not create the services' database roles in $database (infra/postgres/service-roles.sql)"
    for service in "${SERVICE_ROLES[@]}"; do
        password_var="SAGA_DB_PASSWORD_${service^^}"
        if [[ -n "${!password_var:-}" ]]; then
            pg "$database" -v password="${!password_var}" <<<"ALTER ROLE saga_$service PASSWORD :'password';" \
                >/dev/null || fail "could not set the password of database role saga_$service"
        fi
    done
}

# Declares the shared saga.* exchanges of infra/rabbitmq/definitions.json on the vhost (idempotent PUTs). Only
# setup declares them: the services check that they exist and refuse to start without them, since no service's
# broker user may configure a saga.* exchange. Needs guest's rights on the vhost (grant_guest first).
declare_saga_exchanges() {
    local vhost="$1" file="$REPO_ROOT/infra/rabbitmq/definitions.json" exchange name status
    command -v jq >/dev/null 2>&1 || fail "jq is needed to read $file (apt-get install jq)"
    while IFS= read -r exchange; do
        name="$(jq -r .name <<<"$exchange")"
        status="$(management PUT "/api/exchanges/$vhost/$name" \
            "$(jq -c '{type, durable, auto_delete, internal, arguments}' <<<"$exchange")")"
        [[ "$status" == 2* ]] || fail "could not declare exchange $name on vhost $vhost (HTTP $status)"
    done < <(jq -c '.exchanges[]' "$file")
}

# A RabbitMQ node of its own beside the machine's shared one (the chaos runner's, the cluster's): its name, ports,
# data, logs and pid file in DIR, with its own rabbitmq.conf and rabbitmq-env.conf, and none of /etc/rabbitmq (whose
# files pin the shared node's name and listener). Lines on stdin are added to its rabbitmq.conf.
# Usage: write_rabbit_node_config DIR NODENAME AMQP_PORT MANAGEMENT_PORT DIST_PORT <extra-conf
write_rabbit_node_config() {
    local dir="$1" name="$2" amqp="$3" management_port="$4" dist="$5" extra
    extra="$(cat)"
    as_admin mkdir -p "$dir/mnesia" "$dir/log"
    as_admin tee "$dir/rabbitmq.conf" >/dev/null <<CONF
listeners.tcp.local = 127.0.0.1:$amqp
management.tcp.ip = 127.0.0.1
management.tcp.port = $management_port
# Fresher queue depths in the management API, for the tests' and the runner's polling.
collect_statistics_interval = 1000
$extra
CONF
    as_admin tee "$dir/enabled_plugins" >/dev/null <<<'[rabbitmq_management].'
    as_admin tee "$dir/rabbitmq-env.conf" >/dev/null <<CONF
NODENAME=$name
NODE_IP_ADDRESS=127.0.0.1
NODE_PORT=$amqp
DIST_PORT=$dist
CONFIG_FILE=$dir/rabbitmq.conf
ENABLED_PLUGINS_FILE=$dir/enabled_plugins
MNESIA_BASE=$dir/mnesia
LOG_BASE=$dir/log
PID_FILE=$dir/node.pid
ERL_EPMD_ADDRESS=127.0.0.1
export ERL_FLAGS="-kernel inet_dist_use_interface {127,0,0,1}"
CONF
    as_admin chown -R rabbitmq:rabbitmq "$dir"
}

# Starts the node configured in DIR in the background, as the rabbitmq user (the machine's Erlang cookie).
launch_rabbit_node() {
    local dir="$1"
    # su's PAM session sets the open-file limit to 1024; the broker wants more (see infra/bin/services-up).
    as_admin su rabbitmq -s /bin/sh -c "cd /var/lib/rabbitmq && { ulimit -n 65536 2>/dev/null || ulimit -n \$(ulimit -Hn); } \
        && HOME=/var/lib/rabbitmq RABBITMQ_CONF_ENV_FILE=$dir/rabbitmq-env.conf \
        setsid nohup /usr/lib/rabbitmq/bin/rabbitmq-server >>$dir/log/startup.log 2>&1 </dev/null &"
}

# Runs a RabbitMQ command-line tool against node NODENAME configured in DIR, as the rabbitmq user.
# Usage: rabbit_node_tool DIR NODENAME TOOL ARGS...
rabbit_node_tool() {
    local dir="$1" name="$2" tool="$3"
    shift 3
    as_admin su rabbitmq -s /bin/sh -c "cd /var/lib/rabbitmq && HOME=/var/lib/rabbitmq \
        RABBITMQ_CONF_ENV_FILE=$dir/rabbitmq-env.conf \
        /usr/lib/rabbitmq/bin/$tool -n $name $(printf '%q ' "$@")"
}
