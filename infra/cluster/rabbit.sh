# A three-node RabbitMQ cluster on this machine, for the tests and the failure scenarios. Source it; it does
# nothing on its own (infra/cluster/rabbit is its command line). Each node has its own name, ports and data
# directory under /var/tmp/saga-cluster; the machine's shared node (5672) and the chaos runner's (5673) are left
# alone. The nodes run as the rabbitmq user, so they share the machine's Erlang cookie.
# shellcheck shell=bash
# shellcheck disable=SC2034  # the settings below are used by the scripts that source this file

# shellcheck source-path=SCRIPTDIR source=../bin/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../bin/lib.sh"

CLUSTER_HOME=/var/tmp/saga-cluster
CLUSTER_NODES=(1 2 3)
CLUSTER_VHOST=saga-cluster

# Node N: saga-cN@localhost, AMQP 568N, management 1568N, distribution 2568N, TLS (node 4 only) 569N.
cluster_node_name() { printf 'saga-c%s@localhost' "$1"; }
cluster_amqp_port() { printf '%s' $((5680 + $1)); }
cluster_management_port() { printf '%s' $((15680 + $1)); }
cluster_dist_port() { printf '%s' $((25680 + $1)); }
cluster_tls_port() { printf '%s' $((5690 + $1)); }
cluster_dir() { printf '%s/rabbit-%s' "$CLUSTER_HOME" "$1"; }

# The addresses a service takes as spring.rabbitmq.addresses: every node, so it reconnects to a live one.
cluster_addresses() {
    local n addresses=()
    for n in "${CLUSTER_NODES[@]}"; do
        addresses+=("127.0.0.1:$(cluster_amqp_port "$n")")
    done
    (IFS=,; printf '%s\n' "${addresses[*]}")
}

# Runs a RabbitMQ command-line tool against node N, as the rabbitmq user (its Erlang cookie).
cluster_tool() {
    local n="$1"
    shift
    rabbit_node_tool "$(cluster_dir "$n")" "$(cluster_node_name "$n")" "$@"
}

# Node N's own configuration. pause_minority: a node that sees it is in the minority of a partition stops serving,
# so that the majority side alone accepts publishes and no confirmed message exists on one side only.
write_cluster_node_config() {
    local n="$1" dir
    dir="$(cluster_dir "$n")"
    {
        printf 'cluster_partition_handling = pause_minority\n'
        if [[ -n "${CLUSTER_TLS_DIR:-}" ]]; then
            # A TLS listener beside the plain one, with the certificate files of CLUSTER_TLS_DIR (ca.pem, server.pem,
            # server-key.pem), copied to the node's own directory so that its user can read them.
            printf '%s\n' "listeners.ssl.default = 127.0.0.1:$(cluster_tls_port "$n")" \
                "ssl_options.cacertfile = $dir/ca.pem" "ssl_options.certfile = $dir/server.pem" \
                "ssl_options.keyfile = $dir/server-key.pem" "ssl_options.verify = verify_none" \
                "ssl_options.fail_if_no_peer_cert = false"
        fi
    } | write_rabbit_node_config "$dir" "$(cluster_node_name "$n")" "$(cluster_amqp_port "$n")" \
        "$(cluster_management_port "$n")" "$(cluster_dist_port "$n")"
    if [[ -n "${CLUSTER_TLS_DIR:-}" ]]; then
        as_admin install -m 0644 -o rabbitmq -g rabbitmq "$CLUSTER_TLS_DIR/ca.pem" "$CLUSTER_TLS_DIR/server.pem" "$dir/"
        as_admin install -m 0600 -o rabbitmq -g rabbitmq "$CLUSTER_TLS_DIR/server-key.pem" "$dir/"
    fi
}

# The operating-system pid of node N's Erlang VM, empty when it does not run.
cluster_node_pid() {
    local pidfile
    pidfile="$(cluster_dir "$1")/node.pid"
    [[ -f "$pidfile" ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null && cat "$pidfile"
}

cluster_node_answers() {
    cluster_tool "$1" rabbitmqctl ping >/dev/null 2>&1
}

# Starts node N's Erlang VM unless it runs. Its application may still wait for its peers: nodes that stopped
# together wait for each other's tables on their way up, so every VM starts before any start is awaited.
launch_cluster_node() {
    local n="$1" dir
    dir="$(cluster_dir "$n")"
    command -v rabbitmq-server >/dev/null 2>&1 || fail "rabbitmq-server is not installed (apt-get install rabbitmq-server)"
    if ! cluster_node_answers "$n"; then
        write_cluster_node_config "$n"
        say "starting $(cluster_node_name "$n") (AMQP $(cluster_amqp_port "$n"), management $(cluster_management_port "$n"))"
        launch_rabbit_node "$dir"
        wait_for 60 cluster_node_answers "$n" || fail "$(cluster_node_name "$n") did not start; see $dir/log"
    fi
}

# Waits until node N's application runs (it starts it if someone stopped it with stop_app).
await_cluster_node() {
    local n="$1"
    cluster_tool "$n" rabbitmqctl start_app >/dev/null 2>&1 || true
    cluster_tool "$n" rabbitmqctl await_startup --timeout 300 >/dev/null 2>&1 \
        || fail "$(cluster_node_name "$n") does not start its application; see $(cluster_dir "$n")/log"
}

# Starts node N (again) and waits until it serves: after a kill, or for a rolling restart.
start_cluster_node() {
    launch_cluster_node "$1"
    await_cluster_node "$1"
}

# True when node N counts every node of the cluster as running.
cluster_complete_on() {
    local running
    running="$(cluster_tool "$1" rabbitmqctl cluster_status --formatter json 2>/dev/null | jq -r '.running_nodes | length')"
    [[ "$running" == "${#CLUSTER_NODES[@]}" ]]
}

# Node N joins the cluster of node PEER (node 1 by default) if it is alone. A node that ran alone has a database of
# its own, so it is reset first: joining is for a fresh or replaced node, never for one that is a member already
# (which may hold the only copy of a queue).
join_cluster_node() {
    local n="$1" first
    first="$(cluster_node_name "${2:-${CLUSTER_NODES[0]}}")"
    if ! cluster_node_alone "$n"; then
        return 0
    fi
    say "$(cluster_node_name "$n") joins $first"
    local log
    log="$(cluster_dir "$n")/log/join.log"
    {
        cluster_tool "$n" rabbitmqctl stop_app && cluster_tool "$n" rabbitmqctl reset \
            && cluster_tool "$n" rabbitmqctl join_cluster "$first" && cluster_tool "$n" rabbitmqctl start_app \
            && cluster_tool "$n" rabbitmqctl await_startup
    } >"$log" 2>&1 || fail "$(cluster_node_name "$n") could not join $first; see $log"
}

# True when node N is a cluster of its own: fresh, or replaced and not joined yet.
cluster_node_alone() {
    [[ "$(cluster_tool "$1" rabbitmqctl cluster_status --formatter json 2>/dev/null | jq -r '.disk_nodes | length')" == 1 ]]
}

# Starts every node, clusters them and creates the vhost with the services' users and exchanges.
cluster_up() {
    command -v jq >/dev/null 2>&1 || fail "jq is needed (apt-get install jq)"
    local n
    for n in "${CLUSTER_NODES[@]}"; do
        launch_cluster_node "$n"
    done
    for n in "${CLUSTER_NODES[@]}"; do
        await_cluster_node "$n"
    done
    for n in "${CLUSTER_NODES[@]:1}"; do
        join_cluster_node "$n"
    done
    wait_for 60 cluster_complete_on "${CLUSTER_NODES[0]}" || fail "the nodes did not form one cluster"
    prepare_cluster_vhost "$CLUSTER_VHOST"
    apply_service_users "$CLUSTER_VHOST"
    say "cluster up: $(cluster_addresses), vhost $CLUSTER_VHOST"
}

# Creates VHOST on the cluster with the saga exchanges and guest's rights, as setup does on one node (idempotent).
prepare_cluster_vhost() {
    local n
    for n in "${CLUSTER_NODES[@]}"; do
        MANAGEMENT_URL="http://127.0.0.1:$(cluster_management_port "$n")"
        management_answers && break
    done
    wait_for 60 management_answers || fail "the management API does not answer on $MANAGEMENT_URL"
    create_vhost "$1"
    grant_guest "$1"
    declare_saga_exchanges "$1"
}

# Stops node N with SIGKILL: no goodbye to its peers, as when its machine dies.
kill_cluster_node() {
    local pid
    pid="$(cluster_node_pid "$1")"
    [[ -n "$pid" ]] || { say "$(cluster_node_name "$1") does not run"; return 0; }
    as_admin kill -9 "$pid"
    wait_for 30 bash -c "! kill -0 $pid 2>/dev/null" || fail "$(cluster_node_name "$1") (pid $pid) did not die"
    say "killed $(cluster_node_name "$1") (pid $pid)"
}

# Stops node N gracefully (its queues hand their leadership to the others first), keeping its data. It waits
# first until every quorum queue with a member on N has enough members online elsewhere to stay available without
# N: a rolling restart that stops the next node before the last one caught up would take queues below quorum.
stop_cluster_node() {
    cluster_node_answers "$1" || { say "$(cluster_node_name "$1") does not run"; return 0; }
    cluster_tool "$1" rabbitmq-upgrade await_online_quorum_plus_one --timeout 120 >/dev/null 2>&1 \
        || fail "$(cluster_node_name "$1"): its quorum queues have no member to spare; not stopping it"
    cluster_tool "$1" rabbitmqctl stop >/dev/null 2>&1 || fail "$(cluster_node_name "$1") did not stop"
    say "stopped $(cluster_node_name "$1")"
}

# Cuts node N off its peers at the distribution layer, as a network partition does between the nodes (clients
# still reach it): N holds a wrong cookie for each peer, so every connection between them fails its handshake in
# both directions. Under pause_minority, N then sees itself in the minority and stops serving.
partition_cluster_node() {
    local n="$1" peer set=""
    for peer in "${CLUSTER_NODES[@]}"; do
        [[ "$peer" == "$n" ]] && continue
        set+="erlang:set_cookie('$(cluster_node_name "$peer")', saga_partitioned), "
        set+="erlang:disconnect_node('$(cluster_node_name "$peer")'), "
    done
    cluster_tool "$n" rabbitmqctl eval "${set}ok." >/dev/null || fail "could not cut $(cluster_node_name "$n") off"
    say "$(cluster_node_name "$n") is cut off from its peers"
}

# Heals partition_cluster_node: N takes its own cookie for its peers again, and waits until the cluster is whole
# and N serves.
heal_cluster_node() {
    local n="$1" peer set="C = erlang:get_cookie(), "
    for peer in "${CLUSTER_NODES[@]}"; do
        [[ "$peer" == "$n" ]] && continue
        set+="erlang:set_cookie('$(cluster_node_name "$peer")', C), net_adm:ping('$(cluster_node_name "$peer")'), "
    done
    cluster_tool "$n" rabbitmqctl eval "${set}ok." >/dev/null || fail "could not heal $(cluster_node_name "$n")"
    wait_for 120 cluster_complete_on "$n" || fail "$(cluster_node_name "$n") did not rejoin its peers"
    await_cluster_node "$n"
    say "$(cluster_node_name "$n") is back with its peers"
}

# Node N is lost for good (SIGKILL, its data deleted) and a new, empty node of the same name takes its place:
# the others forget the old one and drop it from every quorum queue (shrink), the new one joins and becomes a
# member of every quorum queue again (grow), so each queue has three members once more.
replace_cluster_node() {
    local n="$1" other
    other="$(cluster_peer_of "$n")"
    kill_cluster_node "$n"
    as_admin rm -rf "$(cluster_dir "$n")"
    cluster_tool "$other" rabbitmqctl forget_cluster_node "$(cluster_node_name "$n")" >/dev/null \
        || fail "$(cluster_node_name "$other") could not forget $(cluster_node_name "$n")"
    cluster_tool "$other" rabbitmq-queues shrink "$(cluster_node_name "$n")" >/dev/null \
        || fail "could not drop $(cluster_node_name "$n") from the quorum queues"
    say "$(cluster_node_name "$n") is forgotten; a new node takes its place"
    launch_cluster_node "$n"
    await_cluster_node "$n"
    join_cluster_node "$n" "$other"
    wait_for 60 cluster_complete_on "$other" || fail "the new $(cluster_node_name "$n") did not join"
    cluster_tool "$n" rabbitmq-queues grow "$(cluster_node_name "$n")" all >/dev/null \
        || fail "could not add the new $(cluster_node_name "$n") to the quorum queues"
    say "the new $(cluster_node_name "$n") is a member of every quorum queue"
}

# A node other than N, that runs.
cluster_peer_of() {
    local peer
    for peer in "${CLUSTER_NODES[@]}"; do
        [[ "$peer" != "$1" ]] && cluster_node_answers "$peer" && { printf '%s' "$peer"; return 0; }
    done
    fail "no node other than $(cluster_node_name "$1") runs"
}

# Puts back whatever a failure scenario may have left: every node runs and belongs to the cluster (a replaced node
# that never joined joins now), none is cut off, the cluster is whole.
restore_cluster() {
    local n peer whole=true
    for n in "${CLUSTER_NODES[@]}"; do
        cluster_complete_on "$n" || { whole=false; break; }
    done
    [[ "$whole" == true ]] && return 0
    for n in "${CLUSTER_NODES[@]}"; do
        launch_cluster_node "$n"
    done
    for n in "${CLUSTER_NODES[@]}"; do
        if cluster_node_alone "$n"; then
            peer="$(cluster_peer_of "$n")"
            await_cluster_node "$n"
            join_cluster_node "$n" "$peer"
            cluster_tool "$n" rabbitmq-queues grow "$(cluster_node_name "$n")" all >/dev/null || true
        fi
    done
    for n in "${CLUSTER_NODES[@]}"; do
        if ! cluster_complete_on "$n"; then
            heal_cluster_node "$n"
        fi
    done
    for n in "${CLUSTER_NODES[@]}"; do
        await_cluster_node "$n"
    done
}

# Stops every node gracefully, keeping their data for the next cluster_up.
cluster_down() {
    local n
    for n in "${CLUSTER_NODES[@]}"; do
        if cluster_node_answers "$n"; then
            cluster_tool "$n" rabbitmqctl stop >/dev/null 2>&1 || true
        fi
    done
    say "cluster stopped (data kept in $CLUSTER_HOME)"
}

# Stops every node and deletes their data: the next cluster_up forms a new cluster.
cluster_remove() {
    local n pid
    for n in "${CLUSTER_NODES[@]}" 4; do
        pid="$(cluster_node_pid "$n")"
        [[ -n "$pid" ]] && as_admin kill -9 "$pid"
    done
    as_admin rm -rf "$CLUSTER_HOME"
    say "cluster removed"
}

# Node 4, alone and outside the cluster, with a TLS listener on 5694 beside its plain one (5684), using the
# certificates in DIR (ca.pem, server.pem, server-key.pem); created afresh each time. Vhost VHOST gets the saga
# exchanges and the services' users, as on the cluster.
tls_node_up() {
    local dir="$1" vhost="$2"
    local n=4
    if cluster_node_answers "$n"; then
        cluster_tool "$n" rabbitmqctl stop >/dev/null 2>&1 || true
    fi
    as_admin rm -rf "$(cluster_dir "$n")"
    CLUSTER_TLS_DIR="$dir" launch_cluster_node "$n"
    await_cluster_node "$n"
    MANAGEMENT_URL="http://127.0.0.1:$(cluster_management_port "$n")"
    wait_for 60 management_answers || fail "the management API does not answer on $MANAGEMENT_URL"
    create_vhost "$vhost"
    grant_guest "$vhost"
    declare_saga_exchanges "$vhost"
    apply_service_users "$vhost"
    say "TLS node $(cluster_node_name "$n") up: AMQPS 127.0.0.1:$(cluster_tls_port "$n"), vhost $vhost"
}
