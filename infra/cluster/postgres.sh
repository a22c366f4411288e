# A PostgreSQL primary with a synchronous streaming standby on this machine, for the failover tests. Source it;
# it does nothing on its own (infra/cluster/postgres is its command line). Two clusters of their own
# (15/saga-a on 5441, 15/saga-b on 5442); the machine's shared cluster (5432) and the chaos runner's (5433) are
# left alone. Which of the two is the primary changes with every failover; pg_is_in_recovery() says which.
# shellcheck shell=bash
# shellcheck disable=SC2034  # the settings below are used by the scripts that source this file

# shellcheck source-path=SCRIPTDIR source=../bin/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../bin/lib.sh"

REPLICA_PG_VERSION=15
REPLICA_CLUSTERS=(saga-a saga-b)
# The name each one has as a standby (its application_name), which the primary's synchronous_standby_names lists.
REPLICA_STANDBY_NAME=saga_standby

replica_port() {
    case "$1" in
        saga-a) printf 5441 ;;
        saga-b) printf 5442 ;;
        *) fail "no replica cluster $1" ;;
    esac
}

replica_other() {
    [[ "$1" == saga-a ]] && printf saga-b || printf saga-a
}

replica_data_dir() {
    printf '/var/lib/postgresql/%s/%s' "$REPLICA_PG_VERSION" "$1"
}

# The JDBC URL the services take: both hosts, and only the primary will do.
replica_jdbc_url() {
    printf 'jdbc:postgresql://127.0.0.1:%s,127.0.0.1:%s/%s?targetServerType=primary\n' \
        "$(replica_port saga-a)" "$(replica_port saga-b)" "${1:-saga}"
}

replica_exists() {
    pg_cluster_exists "$REPLICA_PG_VERSION" "$1"
}

replica_online() {
    pg_cluster_online "$REPLICA_PG_VERSION" "$1"
}

replica_sql() {
    local cluster="$1"
    shift
    as_admin su postgres -s /bin/sh -c "psql -X -q -A -t -v ON_ERROR_STOP=1 -h 127.0.0.1 -p $(replica_port "$cluster") \
        -d postgres $(printf '%q ' "$@")"
}

replica_is_primary() {
    [[ "$(replica_sql "$1" -c 'SELECT pg_is_in_recovery()' 2>/dev/null)" == f ]]
}

# The settings both clusters share. synchronous_standby_names names the standby, so a commit on the primary
# returns only once the standby has flushed it: a committed saga step survives the loss of the primary.
write_replica_config() {
    local cluster="$1" conf
    conf="/etc/postgresql/$REPLICA_PG_VERSION/$cluster"
    as_admin tee "$conf/pg_hba.conf" >/dev/null <<CONF
# A replication test cluster: loopback only, trusted, like the machine's development cluster.
local all all trust
host  all all 127.0.0.1/32 trust
host  replication all 127.0.0.1/32 trust
local replication all trust
CONF
    as_admin tee "$conf/conf.d/replica.conf" >/dev/null <<CONF
listen_addresses = '127.0.0.1'
max_connections = 200
wal_level = replica
max_wal_senders = 5
# pg_rewind needs the WAL since the two diverged, on both sides: keep some, and hints for its page tracking.
wal_log_hints = on
wal_keep_size = '512MB'
hot_standby = on
synchronous_standby_names = '$REPLICA_STANDBY_NAME'
synchronous_commit = on
CONF
}

# Creates the primary (saga-a) and its standby (saga-b, a base backup of it) unless they exist, and starts both.
replica_up() {
    command -v pg_createcluster >/dev/null 2>&1 || fail "pg_createcluster is missing (apt-get install postgresql-common)"
    if ! replica_exists saga-a; then
        say "creating the primary $REPLICA_PG_VERSION/saga-a on port $(replica_port saga-a)"
        as_admin pg_createcluster "$REPLICA_PG_VERSION" saga-a --port "$(replica_port saga-a)" >/dev/null
        write_replica_config saga-a
    fi
    replica_online saga-a || as_admin pg_ctlcluster "$REPLICA_PG_VERSION" saga-a start
    wait_for 60 port_answers 127.0.0.1 "$(replica_port saga-a)" || fail "saga-a does not answer"
    if ! replica_exists saga-b || ! as_admin test -f "$(replica_data_dir saga-b)/PG_VERSION"; then
        make_standby_of saga-a saga-b
    fi
    replica_online saga-b || as_admin pg_ctlcluster "$REPLICA_PG_VERSION" saga-b start
    wait_for 60 port_answers 127.0.0.1 "$(replica_port saga-b)" || fail "saga-b does not answer"
    local primary
    primary="$(replica_primary)" || fail "neither cluster is the primary"
    wait_for 60 standby_is_synchronous "$primary" || fail "the standby does not stream synchronously from $primary"
    say "primary $primary, synchronous standby $(replica_other "$primary"); $(replica_jdbc_url)"
}

# Makes STANDBY a fresh base backup of PRIMARY that streams from it as $REPLICA_STANDBY_NAME.
make_standby_of() {
    local primary="$1" standby="$2" data
    data="$(replica_data_dir "$standby")"
    say "creating $standby as a standby of $primary (pg_basebackup)"
    replica_exists "$standby" && as_admin pg_dropcluster --stop "$REPLICA_PG_VERSION" "$standby"
    as_admin pg_createcluster "$REPLICA_PG_VERSION" "$standby" --port "$(replica_port "$standby")" >/dev/null
    write_replica_config "$standby"
    as_admin rm -rf "$data"
    as_admin install -d -o postgres -g postgres -m 700 "$data"
    as_admin su postgres -s /bin/sh -c "pg_basebackup -h 127.0.0.1 -p $(replica_port "$primary") -D $data -X stream -R \
        -d 'application_name=$REPLICA_STANDBY_NAME'" || fail "pg_basebackup from $primary failed"
    as_admin pg_ctlcluster "$REPLICA_PG_VERSION" "$standby" start
}

# The cluster that runs as the primary, if one does.
replica_primary() {
    local cluster
    for cluster in "${REPLICA_CLUSTERS[@]}"; do
        if replica_online "$cluster" && replica_is_primary "$cluster"; then
            printf '%s\n' "$cluster"
            return 0
        fi
    done
    return 1
}

standby_streams() {
    [[ "$(replica_sql "$1" -c "SELECT state FROM pg_stat_replication WHERE application_name = '$REPLICA_STANDBY_NAME'" \
        2>/dev/null)" == streaming ]]
}

standby_is_synchronous() {
    [[ "$(replica_sql "$1" -c "SELECT sync_state FROM pg_stat_replication WHERE application_name = '$REPLICA_STANDBY_NAME'" \
        2>/dev/null)" == sync ]]
}

# SIGKILL of CLUSTER's postmaster: its backends die with it, as when its machine dies.
replica_kill() {
    local cluster="$1" pid
    pid="$(as_admin head -1 "$(replica_data_dir "$cluster")/postmaster.pid" 2>/dev/null)" || true
    [[ -n "$pid" ]] || { say "$cluster does not run"; return 0; }
    as_admin kill -9 "$pid"
    wait_for 30 bash -c "! kill -0 $pid 2>/dev/null" || fail "$cluster (pid $pid) did not die"
    say "killed $cluster (postmaster pid $pid)"
}

# Promotes the standby after its primary was lost. The promoted cluster names a synchronous standby in its
# configuration, and no standby streams from it yet: every commit would wait for one forever. So the failover
# turns synchronous replication off on it until a new standby follows (replica_rejoin turns it on again).
replica_failover() {
    local standby
    standby="$(replica_other "$(replica_lost_primary)")"
    replica_online "$standby" || fail "the standby $standby does not run"
    say "promoting $standby"
    as_admin pg_ctlcluster "$REPLICA_PG_VERSION" "$standby" promote
    wait_for 60 replica_is_primary "$standby" || fail "$standby did not leave recovery"
    replica_sql "$standby" -c "ALTER SYSTEM SET synchronous_standby_names = ''" -c "SELECT pg_reload_conf()" >/dev/null
    say "$standby is the primary; commits no longer wait for a standby until one rejoins"
}

# After the standby was lost: every commit on the primary waits for a synchronous standby that is not there. This
# lets the primary commit alone (it releases the waiting commits) until rejoin brings a standby back.
replica_standby_lost() {
    local primary
    primary="$(replica_primary)" || fail "no primary runs"
    replica_sql "$primary" -c "ALTER SYSTEM SET synchronous_standby_names = ''" -c "SELECT pg_reload_conf()" >/dev/null
    say "$primary commits without a standby until one rejoins"
}

# The cluster that is down or no longer the primary: the one a failover replaces.
replica_lost_primary() {
    local cluster
    for cluster in "${REPLICA_CLUSTERS[@]}"; do
        if ! replica_online "$cluster"; then
            printf '%s\n' "$cluster"
            return 0
        fi
    done
    fail "both clusters run; kill the primary first"
}

# The old primary comes back as a standby of the new one (pg_rewind on its data, falling back to a fresh base
# backup), and the new primary waits for it synchronously again.
replica_rejoin() {
    local primary old data
    primary="$(replica_primary)" || fail "no primary runs"
    old="$(replica_other "$primary")"
    data="$(replica_data_dir "$old")"
    if as_admin test -f "$data/standby.signal"; then
        # A standby that was lost has not diverged: started again, it catches up from where it stopped.
        say "starting the standby $old again"
        replica_online "$old" || as_admin pg_ctlcluster "$REPLICA_PG_VERSION" "$old" start
        follow_synchronously "$primary" "$old"
        return
    fi
    replica_online "$old" && as_admin pg_ctlcluster "$REPLICA_PG_VERSION" "$old" stop -m immediate
    say "rewinding $old onto $primary"
    # A promoted cluster records its new timeline in its control file at its next checkpoint; pg_rewind reads it there.
    replica_sql "$primary" -c "CHECKPOINT" >/dev/null
    # Debian keeps the configuration outside the data directory; pg_rewind needs it for its crash recovery.
    if as_admin su postgres -s /bin/sh -c "cd /tmp && /usr/lib/postgresql/$REPLICA_PG_VERSION/bin/pg_rewind -D $data \
            --config-file=/etc/postgresql/$REPLICA_PG_VERSION/$old/postgresql.conf \
            --source-server='host=127.0.0.1 port=$(replica_port "$primary") user=postgres dbname=postgres' -R" \
            >"/tmp/pg_rewind-$old.log" 2>&1; then
        as_admin su postgres -s /bin/sh -c "printf '%s\n' \"primary_conninfo = 'host=127.0.0.1 port=$(replica_port "$primary") \
            user=postgres application_name=$REPLICA_STANDBY_NAME'\" >> $data/postgresql.auto.conf \
            && touch $data/standby.signal"
        as_admin pg_ctlcluster "$REPLICA_PG_VERSION" "$old" start
    fi
    if ! wait_for 30 standby_streams "$primary"; then
        say "$old did not follow after pg_rewind (/tmp/pg_rewind-$old.log); taking a fresh base backup instead"
        make_standby_of "$primary" "$old"
        wait_for 60 standby_streams "$primary" || fail "$old does not stream from $primary"
    fi
    follow_synchronously "$primary" "$old"
}

# Once STANDBY streams from PRIMARY, commits wait for it again: turned on earlier, they would stall until it did.
follow_synchronously() {
    local primary="$1" standby="$2"
    wait_for 60 standby_streams "$primary" || fail "$standby does not stream from $primary"
    replica_sql "$primary" -c "ALTER SYSTEM RESET synchronous_standby_names" -c "SELECT pg_reload_conf()" >/dev/null
    wait_for 60 standby_is_synchronous "$primary" || fail "$standby does not stream synchronously from $primary"
    say "$standby streams synchronously from $primary again"
}

# Puts back whatever a failure scenario may have left: a primary runs, and its standby follows it synchronously.
# A lost primary whose standby was not promoted yet is failed over first; a lost standby or an old primary rejoins.
replica_restore() {
    local primary cluster
    if ! primary="$(replica_primary)"; then
        for cluster in "${REPLICA_CLUSTERS[@]}"; do
            if replica_online "$cluster"; then
                replica_failover
                break
            fi
        done
        primary="$(replica_primary)" || { replica_up; return; }
    fi
    if ! standby_is_synchronous "$primary"; then
        replica_rejoin
    fi
}

# Both clusters accept TLS with the certificate in DIR (server.pem, server-key.pem, signed by DIR's ca.pem), kept
# beside their configuration so that a base backup or a rewind leaves it alone; plain connections stay allowed.
replica_tls() {
    local dir="$1" cluster conf
    for cluster in "${REPLICA_CLUSTERS[@]}"; do
        conf="/etc/postgresql/$REPLICA_PG_VERSION/$cluster"
        as_admin install -d -o postgres -g postgres -m 0700 "$conf/tls"
        as_admin install -o postgres -g postgres -m 0644 "$dir/server.pem" "$conf/tls/server.pem"
        as_admin install -o postgres -g postgres -m 0600 "$dir/server-key.pem" "$conf/tls/server-key.pem"
        as_admin tee "$conf/conf.d/tls.conf" >/dev/null <<CONF
ssl = on
ssl_cert_file = '$conf/tls/server.pem'
ssl_key_file = '$conf/tls/server-key.pem'
CONF
        replica_online "$cluster" && as_admin pg_ctlcluster "$REPLICA_PG_VERSION" "$cluster" reload
    done
    say "both clusters accept TLS with $dir/server.pem"
}

# Stops and deletes both clusters.
replica_remove() {
    local cluster
    for cluster in "${REPLICA_CLUSTERS[@]}"; do
        replica_exists "$cluster" && as_admin pg_dropcluster --stop "$REPLICA_PG_VERSION" "$cluster"
    done
    say "removed the replication clusters"
}
