# The chaos runner's private RabbitMQ node and PostgreSQL cluster. Source it; it does nothing on its own.
# The failure scenarios stop and restart the broker and the database, so they get their own instances: the
# machine's shared RabbitMQ (5672) and PostgreSQL (5432) keep serving everything else untouched.
# shellcheck shell=bash
# shellcheck disable=SC2034  # the settings below are used by the scripts that source this file

# shellcheck source-path=SCRIPTDIR source=../bin/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../bin/lib.sh"

CHAOS_HOME=/var/tmp/saga-chaos
CHAOS_RABBIT_NODE=saga-chaos@localhost
CHAOS_RABBIT_DIR="$CHAOS_HOME/rabbitmq"
CHAOS_PG_VERSION=15
CHAOS_PG_CLUSTER=chaos
CHAOS_VHOST=saga-chaos
CHAOS_DATABASE=saga_chaos

# lib.sh's helpers (management, pg, apply_service_users) read these: point them at the private instances.
RABBIT_PORT=5673
RABBIT_MANAGEMENT_PORT=15673
RABBIT_DIST_PORT=25673
MANAGEMENT_URL="http://$RABBIT_HOST:$RABBIT_MANAGEMENT_PORT"
PG_PORT=5433

# The descriptor on which infra/chaos/run holds its lock (it sets this when it opens the lock file). Every server
# started from here closes it ({CHAOS_LOCK_FD}>&-): a daemon that inherited it would hold the lock as long as it
# lives, and every later run would wait for it in vain.
CHAOS_LOCK_FD=9

# Runs a RabbitMQ command-line tool against the private node, as the rabbitmq user (its Erlang cookie).
chaos_rabbit_tool() {
    rabbit_node_tool "$CHAOS_RABBIT_DIR" "$CHAOS_RABBIT_NODE" "$@"
}

# Writes the node's own configuration: its own ports, data and logs.
write_rabbit_config() {
    write_rabbit_node_config "$CHAOS_RABBIT_DIR" "$CHAOS_RABBIT_NODE" "$RABBIT_PORT" "$RABBIT_MANAGEMENT_PORT" \
        "$RABBIT_DIST_PORT" </dev/null
}

chaos_rabbit_running() {
    chaos_rabbit_tool rabbitmqctl status >/dev/null 2>&1
}

# Starts the private node unless it runs; starts its application if someone left it stopped (stop_app).
ensure_chaos_rabbit() {
    command -v rabbitmq-server >/dev/null 2>&1 || fail "rabbitmq-server is not installed (apt-get install rabbitmq-server)"
    if ! chaos_rabbit_running; then
        write_rabbit_config
        say "starting the private RabbitMQ node $CHAOS_RABBIT_NODE (AMQP $RABBIT_PORT, management $RABBIT_MANAGEMENT_PORT)"
        launch_rabbit_node "$CHAOS_RABBIT_DIR" {CHAOS_LOCK_FD}>&-
        wait_for 120 chaos_rabbit_running || fail "the private RabbitMQ node did not start; see $CHAOS_RABBIT_DIR/log"
    fi
    chaos_rabbit_tool rabbitmqctl start_app >/dev/null 2>&1 || true
    chaos_rabbit_tool rabbitmqctl await_startup >/dev/null 2>&1 || fail "the private RabbitMQ node does not start its application"
    wait_for 60 management_answers || fail "the private node's management API does not answer on $MANAGEMENT_URL"
}

chaos_pg_running() {
    pg_cluster_online "$CHAOS_PG_VERSION" "$CHAOS_PG_CLUSTER"
}

chaos_pg_exists() {
    pg_cluster_exists "$CHAOS_PG_VERSION" "$CHAOS_PG_CLUSTER"
}

# Creates the private cluster on first use (trust on loopback, as the shared one), starts it unless it runs.
ensure_chaos_pg() {
    command -v pg_createcluster >/dev/null 2>&1 || fail "pg_createcluster is missing (apt-get install postgresql-common)"
    if ! chaos_pg_exists; then
        say "creating the private PostgreSQL cluster $CHAOS_PG_VERSION/$CHAOS_PG_CLUSTER on port $PG_PORT"
        as_admin pg_createcluster "$CHAOS_PG_VERSION" "$CHAOS_PG_CLUSTER" --port "$PG_PORT" >/dev/null
        as_admin tee "/etc/postgresql/$CHAOS_PG_VERSION/$CHAOS_PG_CLUSTER/pg_hba.conf" >/dev/null <<CONF
# The chaos runner's private cluster: loopback only, trusted, like the machine's development cluster.
local all all trust
host  all all 127.0.0.1/32 trust
host  all all ::1/128 trust
CONF
    fi
    # In conf.d, quoted: pg_createcluster -o writes values unquoted, and an address must be quoted.
    as_admin tee "/etc/postgresql/$CHAOS_PG_VERSION/$CHAOS_PG_CLUSTER/conf.d/chaos.conf" >/dev/null <<CONF
listen_addresses = '127.0.0.1'
max_connections = 200
CONF
    if ! chaos_pg_running; then
        as_admin pg_ctlcluster "$CHAOS_PG_VERSION" "$CHAOS_PG_CLUSTER" start {CHAOS_LOCK_FD}>&- \
            || fail "the private PostgreSQL cluster did not start"
    fi
    wait_for 60 port_answers "$PG_HOST" "$PG_PORT" || fail "the private PostgreSQL cluster does not answer on $PG_PORT"
}

# A fresh database and vhost for a run, with the service users and their production permissions, and the
# services' database roles (each owning its own schema only).
reset_chaos_state() {
    pg postgres -c "DROP DATABASE IF EXISTS $CHAOS_DATABASE WITH (FORCE)" >/dev/null
    pg postgres -c "CREATE DATABASE $CHAOS_DATABASE" >/dev/null
    apply_database_roles "$CHAOS_DATABASE"
    local status
    status="$(management DELETE "/api/vhosts/$CHAOS_VHOST")"
    [[ "$status" == 2* || "$status" == 404 ]] || fail "could not delete vhost $CHAOS_VHOST (HTTP $status)"
    create_vhost "$CHAOS_VHOST"
    grant_guest "$CHAOS_VHOST"
    declare_saga_exchanges "$CHAOS_VHOST"
    apply_service_users "$CHAOS_VHOST"
}

# The cluster target (infra/chaos/run --cluster): the three RabbitMQ nodes of infra/cluster/rabbit and the
# PostgreSQL primary with its synchronous standby of infra/cluster/postgres, in place of the private node and
# cluster. Brings them up (or back) and points lib.sh's helpers at node 1 and at the primary.
use_cluster_target() {
    # shellcheck source-path=SCRIPTDIR source=../cluster/rabbit.sh
    source "$(dirname "${BASH_SOURCE[0]}")/../cluster/rabbit.sh"
    # shellcheck source-path=SCRIPTDIR source=../cluster/postgres.sh
    source "$(dirname "${BASH_SOURCE[0]}")/../cluster/postgres.sh"
    cluster_up {CHAOS_LOCK_FD}>&-
    restore_cluster {CHAOS_LOCK_FD}>&-
    replica_up {CHAOS_LOCK_FD}>&-
    replica_restore {CHAOS_LOCK_FD}>&-
    RABBIT_PORT="$(cluster_amqp_port 1)"
    MANAGEMENT_URL="http://$RABBIT_HOST:$(cluster_management_port 1)"
    PG_PORT="$(replica_port "$(replica_primary)")"
}

# Stops and deletes both private instances and their data.
remove_chaos_services() {
    if chaos_rabbit_running; then
        chaos_rabbit_tool rabbitmqctl stop >/dev/null 2>&1 || true
    fi
    as_admin rm -rf "$CHAOS_RABBIT_DIR"
    if chaos_pg_exists; then
        as_admin pg_dropcluster --stop "$CHAOS_PG_VERSION" "$CHAOS_PG_CLUSTER"
    fi
    say "removed the private RabbitMQ node $CHAOS_RABBIT_NODE and PostgreSQL cluster $CHAOS_PG_VERSION/$CHAOS_PG_CLUSTER"
}
