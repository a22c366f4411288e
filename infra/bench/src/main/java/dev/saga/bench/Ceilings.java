package dev.saga.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the broker and the database can do on this machine, measured in the same run with their own tools.
 * Broker: RabbitMQ PerfTest, one producer and one consumer on one quorum queue in the bench vhost, persistent
 * messages of about the saga messages' size, publisher confirms with at most {@value #CONFIRM_WINDOW} unconfirmed
 * (the outbox relay's batch). Database: {@code pgbench -N} (simple update) with {@value #PG_CLIENTS} clients
 * against a database of its own, with synchronous_commit on as for the system.
 */
final class Ceilings {

    static final int CONFIRM_WINDOW = 100;
    static final int MESSAGE_BYTES = 800;
    static final int PG_CLIENTS = 16;
    private static final String PERF_TEST_QUEUE = "bench.perf-test";
    private static final String PGBENCH_DATABASE = "bench_pgbench";

    /** The medians, and every repeat. */
    record Result(double brokerPublishesPerSecond, double brokerDeliveriesPerSecond, double pgTransactionsPerSecond,
                  List<Double> brokerRepeats, List<Double> pgRepeats, String brokerTool, String pgTool) {
    }

    private final Endpoints endpoints;
    private final RabbitStats rabbit;
    private final BenchDatabase database;

    Ceilings(Endpoints endpoints, RabbitStats rabbit, BenchDatabase database) {
        this.endpoints = endpoints;
        this.rabbit = rabbit;
        this.database = database;
    }

    Result measure(Duration each, int repeats) {
        List<Double> publishes = new ArrayList<>();
        List<Double> deliveries = new ArrayList<>();
        List<Double> pg = new ArrayList<>();
        database.onServer("DROP DATABASE IF EXISTS " + PGBENCH_DATABASE + " WITH (FORCE)");
        database.onServer("CREATE DATABASE " + PGBENCH_DATABASE);
        Commands.run(List.of(pgbench(), "-i", "-q", "-s", "10", "-h", host(), "-p", port(), "-U", endpoints.dbUser(),
                PGBENCH_DATABASE), Duration.ofMinutes(5));
        try {
            for (int i = 0; i < repeats; i++) {
                double[] broker = perfTest(each);
                publishes.add(broker[0]);
                deliveries.add(broker[1]);
                pg.add(pgbench(each));
                System.out.printf("ceiling repeat %d: PerfTest %.0f msg/s published, %.0f msg/s consumed;"
                        + " pgbench -N %.0f tps%n", i + 1, broker[0], broker[1], pg.get(pg.size() - 1));
            }
        } finally {
            rabbit.deleteQueue(PERF_TEST_QUEUE);
            database.onServer("DROP DATABASE IF EXISTS " + PGBENCH_DATABASE + " WITH (FORCE)");
        }
        return new Result(LatencyStats.median(publishes), LatencyStats.median(deliveries), LatencyStats.median(pg),
                publishes, pg, "com.rabbitmq:perf-test 2.22.1: -x 1 -y 1 --quorum-queue -c " + CONFIRM_WINDOW
                        + " -s " + MESSAGE_BYTES + " (persistent, confirms, one quorum queue)",
                "pgbench -N -c " + PG_CLIENTS + " -j 2 (scale 10, simple update, synchronous_commit on)");
    }

    /** Published and consumed messages per second, PerfTest's averages. */
    private double[] perfTest(Duration each) {
        String uri = "amqp://" + endpoints.amqpUser() + ":" + endpoints.amqpPassword() + "@"
                + endpoints.firstAmqpAddress() + "/" + endpoints.vhost();
        String out = Commands.run(List.of(java(), "-Xmx512m", "-cp", libraries(), "com.rabbitmq.perf.PerfTest",
                "--uri", uri, "-x", "1", "-y", "1", "-u", PERF_TEST_QUEUE, "--quorum-queue",
                "-c", String.valueOf(CONFIRM_WINDOW), "-q", String.valueOf(CONFIRM_WINDOW),
                "-s", String.valueOf(MESSAGE_BYTES), "-z", String.valueOf(each.toSeconds()), "-i", "5"),
                each.plusSeconds(60));
        return new double[] {number(out, "sending rate avg: ([0-9.]+)"), number(out, "receiving rate avg: ([0-9.]+)")};
    }

    private double pgbench(Duration each) {
        String out = Commands.run(List.of(pgbench(), "-N", "-c", String.valueOf(PG_CLIENTS), "-j", "2",
                "-T", String.valueOf(each.toSeconds()), "-h", host(), "-p", port(), "-U", endpoints.dbUser(),
                PGBENCH_DATABASE), Map.of(), each.plusSeconds(60));
        return number(out, "tps = ([0-9.]+)");
    }

    private static double number(String output, String pattern) {
        Matcher m = Pattern.compile(pattern).matcher(output);
        if (!m.find()) {
            throw new IllegalStateException("No '" + pattern + "' in:\n" + output);
        }
        return Double.parseDouble(m.group(1));
    }

    private String host() {
        return endpoints.jdbcBase().replaceAll(".*//([^:/]+).*", "$1");
    }

    private String port() {
        return endpoints.jdbcBase().replaceAll(".*:(\\d+)/.*", "$1");
    }

    private static String pgbench() {
        Path debian = Path.of("/usr/lib/postgresql/15/bin/pgbench");
        return debian.toFile().canExecute() ? debian.toString() : "pgbench";
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * Where the build copied PerfTest and its dependencies: {@code -Dbench.lib} (set by infra/bin/bench), else
     * the {@code lib/} folder beside the bench jar.
     */
    static String libraries() {
        String configured = System.getProperty("bench.lib");
        if (configured != null) {
            return configured + "/*";
        }
        try {
            Path jar = Path.of(Ceilings.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return jar.getParent().resolve("lib").toString() + "/*";
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
