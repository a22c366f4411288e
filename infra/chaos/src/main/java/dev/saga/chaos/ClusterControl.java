package dev.saga.chaos;

import dev.saga.testbed.InfraScript;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The cluster's faults, through the operator scripts {@code infra/cluster/rabbit} (nodes {@code saga-c1..3},
 * AMQP 5681-5683, management 15681-15683) and {@code infra/cluster/postgres} (primary and synchronous standby on
 * 5441 and 5442), exactly as an operator runs them.
 */
final class ClusterControl {

    static final int NODES = 3;

    private final Path rabbit;
    private final Path postgres;

    ClusterControl(Path repo) {
        this.rabbit = repo.resolve("infra/cluster/rabbit");
        this.postgres = repo.resolve("infra/cluster/postgres");
    }

    static int amqpPort(int node) {
        return 5680 + node;
    }

    static int managementPort(int node) {
        return 15680 + node;
    }

    static String nodeName(int node) {
        return "saga-c" + node + "@localhost";
    }

    /** SIGKILL of the node's Erlang VM. */
    void killNode(int node) {
        node(Duration.ofMinutes(1), "kill", node);
    }

    /** A graceful stop, once its quorum queues can spare it. */
    void stopNode(int node) {
        node(Duration.ofMinutes(3), "stop", node);
    }

    void startNode(int node) {
        node(Duration.ofMinutes(5), "start", node);
    }

    void partitionNode(int node) {
        node(Duration.ofMinutes(1), "partition", node);
    }

    void healNode(int node) {
        node(Duration.ofMinutes(4), "heal", node);
    }

    /** The node is lost with its data; a new one joins in its place and every quorum queue grows onto it. */
    void replaceNode(int node) {
        node(Duration.ofMinutes(5), "replace", node);
    }

    void killPrimary() {
        InfraScript.run(postgres, Duration.ofMinutes(1), "kill-primary");
    }

    /** Promotes the standby, which then commits alone until a standby follows it. */
    void failover() {
        InfraScript.run(postgres, Duration.ofMinutes(2), "failover");
    }

    void killStandby() {
        InfraScript.run(postgres, Duration.ofMinutes(1), "kill-standby");
    }

    /** Lets the primary commit without its lost standby. */
    void standbyLost() {
        InfraScript.run(postgres, Duration.ofMinutes(1), "standby-lost");
    }

    /** The old primary (pg_rewind) or the lost standby follows the primary synchronously again. */
    void rejoin() {
        InfraScript.run(postgres, Duration.ofMinutes(4), "rejoin");
    }

    private void node(Duration timeout, String command, int node) {
        InfraScript.run(rabbit, timeout, command, String.valueOf(node));
    }

    /** Every node running and whole, a primary with a synchronous standby. */
    void restore() {
        InfraScript.run(rabbit, Duration.ofMinutes(6), "restore");
        InfraScript.run(postgres, Duration.ofMinutes(5), "restore");
    }
}
