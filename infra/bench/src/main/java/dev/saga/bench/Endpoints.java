package dev.saga.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Where the broker and the database are, and the bench's own database and vhost on them (reset by
 * {@code infra/bin/bench} before each run, the way the demo resets {@code saga}). The bench's own connections
 * (completions, counters, pgbench, PerfTest, the management API) go to one node and the primary; the services
 * get {@link #serviceDatabaseUrl()} and {@link #amqpAddresses()}, which on the cluster name every node and both
 * database hosts, as a deployment would.
 *
 * @param target        {@code local} (the machine's shared broker and database) or {@code cluster}
 * @param jdbcBase      {@code jdbc:postgresql://host:port/} of the database the bench itself reads (the primary)
 * @param serviceDatabaseUrl the JDBC URL the services get
 * @param amqpAddresses the services' {@code spring.rabbitmq.addresses}: {@code host:port,...}
 */
record Endpoints(String target, String jdbcBase, String database, String dbUser, String serviceDatabaseUrl,
                 String amqpAddresses, String managementUrl, String amqpUser, String amqpPassword, String vhost) {

    static final String CLUSTER = "cluster";

    static Endpoints local() {
        return new Endpoints("local", "jdbc:postgresql://127.0.0.1:5432/", "bench", "postgres",
                "jdbc:postgresql://127.0.0.1:5432/bench", "127.0.0.1:5672", "http://127.0.0.1:15672", "guest", "guest",
                "bench");
    }

    /**
     * The target {@code infra/bin/bench} chose: {@code BENCH_TARGET=cluster} with the cluster's addresses in
     * {@code BENCH_AMQP_ADDRESSES}, {@code BENCH_MANAGEMENT_URL}, {@code BENCH_PG_PORT} (the primary's) and
     * {@code BENCH_DATABASE_URL}, which the cluster scripts work out; else the machine's shared services.
     */
    static Endpoints fromEnvironment(Map<String, String> environment) {
        if (!CLUSTER.equals(environment.get("BENCH_TARGET"))) {
            return local();
        }
        return new Endpoints(CLUSTER, "jdbc:postgresql://127.0.0.1:" + required(environment, "BENCH_PG_PORT") + "/",
                "bench", "postgres", required(environment, "BENCH_DATABASE_URL"),
                required(environment, "BENCH_AMQP_ADDRESSES"), required(environment, "BENCH_MANAGEMENT_URL"), "guest",
                "guest", "bench");
    }

    private static String required(Map<String, String> environment, String name) {
        String value = environment.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is not set; run the bench with infra/bin/bench --cluster");
        }
        return value;
    }

    boolean cluster() {
        return CLUSTER.equals(target);
    }

    String jdbcUrl() {
        return jdbcBase + database + "?ApplicationName=bench";
    }

    /** The broker nodes' AMQP ports, in the order the addresses list them. */
    List<Integer> amqpPorts() {
        return Arrays.stream(amqpAddresses.split(",")).map(a -> Integer.parseInt(a.substring(a.lastIndexOf(':') + 1)))
                .toList();
    }

    /** The first node's {@code host:port}, where PerfTest connects. */
    String firstAmqpAddress() {
        return amqpAddresses.split(",")[0];
    }
}
