package dev.saga.chaos;

import com.rabbitmq.client.Address;
import dev.saga.testbed.InfraScript;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * What the run talks to, and the few commands that stop and start it. By default the runner's private RabbitMQ
 * node and PostgreSQL cluster ({@code infra/chaos/services.sh} creates and resets them; the values here match it);
 * with {@code --cluster}, the three-node cluster of {@code infra/cluster/rabbit} and the primary with its standby
 * of {@code infra/cluster/postgres} (see {@link ClusterControl}). The machine's shared broker and database are
 * never touched.
 */
final class Infrastructure {

    static final String HOST = "127.0.0.1";
    static final String VHOST = "saga-chaos";
    static final String DATABASE_USER = "postgres";
    static final String ADMIN_USER = "guest";
    static final String ADMIN_PASSWORD = "guest";
    private static final int AMQP_PORT = 5673;
    private static final int MANAGEMENT_PORT = 15673;
    private static final String DATABASE_URL = "jdbc:postgresql://127.0.0.1:5433/saga_chaos";
    private static final String CLUSTER_DATABASE_URL =
            "jdbc:postgresql://127.0.0.1:5441,127.0.0.1:5442/saga_chaos?targetServerType=primary";

    private final Path repo;
    private final boolean cluster;

    Infrastructure(Path repo, boolean cluster) {
        this.repo = repo;
        this.cluster = cluster;
    }

    Path repo() {
        return repo;
    }

    boolean clustered() {
        return cluster;
    }

    ClusterControl cluster() {
        if (!cluster) {
            throw new IllegalStateException("this run has no cluster; run it with --cluster");
        }
        return new ClusterControl(repo);
    }

    /** Every broker node's AMQP address, in node order. */
    List<Address> amqpAddresses() {
        return cluster ? IntStream.rangeClosed(1, ClusterControl.NODES)
                .mapToObj(n -> new Address(HOST, ClusterControl.amqpPort(n))).toList()
                : List.of(new Address(HOST, AMQP_PORT));
    }

    /** The value of {@code spring.rabbitmq.addresses}. */
    String springAddresses() {
        return amqpAddresses().stream().map(a -> a.getHost() + ":" + a.getPort()).collect(Collectors.joining(","));
    }

    /** Every node's management API, in node order: a client tries the next when one does not answer. */
    List<String> managementUrls() {
        return cluster ? IntStream.rangeClosed(1, ClusterControl.NODES)
                .mapToObj(n -> "http://" + HOST + ":" + ClusterControl.managementPort(n)).toList()
                : List.of("http://" + HOST + ":" + MANAGEMENT_PORT);
    }

    /** On the cluster, both hosts: the driver connects to whichever is the primary. */
    String databaseUrl() {
        return cluster ? CLUSTER_DATABASE_URL : DATABASE_URL;
    }

    void brokerStopApp() {
        privateInstances("chaos_rabbit_tool rabbitmqctl stop_app");
    }

    void brokerStartApp() {
        privateInstances("chaos_rabbit_tool rabbitmqctl start_app && chaos_rabbit_tool rabbitmqctl await_startup");
    }

    void brokerCloseAllConnections() {
        privateInstances("chaos_rabbit_tool rabbitmqctl close_all_connections 'chaos: connections closed'");
    }

    /** {@code pg_ctlcluster restart}: a fast shutdown that cuts every connection, then a start. */
    void databaseRestart() {
        privateInstances("as_admin pg_ctlcluster $CHAOS_PG_VERSION $CHAOS_PG_CLUSTER restart -m fast");
    }

    /** Starts what a fault may have left stopped (on the cluster: heals it, and restores the standby). */
    void ensureRunning() {
        if (cluster) {
            cluster().restore();
        } else {
            privateInstances("chaos_rabbit_tool rabbitmqctl start_app >/dev/null 2>&1 || true; chaos_pg_running"
                    + " || as_admin pg_ctlcluster $CHAOS_PG_VERSION $CHAOS_PG_CLUSTER start");
        }
    }

    /** Runs a function of {@code services.sh}, which only the private instances have. */
    private void privateInstances(String command) {
        if (cluster) {
            throw new IllegalStateException("not a cluster fault: " + command);
        }
        Path script = repo.resolve("infra/chaos/services.sh");
        InfraScript.run(List.of("bash", "-c", "source '" + script + "' && " + command), Duration.ofMinutes(2));
    }
}
