package dev.saga.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The runner's private RabbitMQ node and PostgreSQL cluster ({@code infra/chaos/services.sh} creates and
 * resets them; the values here match it), and the few commands that stop and start them. The machine's
 * shared broker and database are never touched.
 */
final class Infrastructure {

    static final String HOST = "127.0.0.1";
    static final int AMQP_PORT = 5673;
    static final int MANAGEMENT_PORT = 15673;
    static final String VHOST = "saga-chaos";
    static final String DATABASE_URL = "jdbc:postgresql://127.0.0.1:5433/saga_chaos";
    static final String DATABASE_USER = "postgres";
    static final String ADMIN_USER = "guest";
    static final String ADMIN_PASSWORD = "guest";

    private final Path repo;

    Infrastructure(Path repo) {
        this.repo = repo;
    }

    Path repo() {
        return repo;
    }

    static String managementUrl() {
        return "http://" + HOST + ":" + MANAGEMENT_PORT;
    }

    void brokerStopApp() {
        shell("chaos_rabbit_tool rabbitmqctl stop_app");
    }

    void brokerStartApp() {
        shell("chaos_rabbit_tool rabbitmqctl start_app && chaos_rabbit_tool rabbitmqctl await_startup");
    }

    void brokerCloseAllConnections() {
        shell("chaos_rabbit_tool rabbitmqctl close_all_connections 'chaos: connections closed'");
    }

    /** {@code pg_ctlcluster restart}: a fast shutdown that cuts every connection, then a start. */
    void databaseRestart() {
        shell("as_admin pg_ctlcluster $CHAOS_PG_VERSION $CHAOS_PG_CLUSTER restart -m fast");
    }

    /** Starts what a fault may have left stopped; harmless when both run. */
    void ensureRunning() {
        shell("chaos_rabbit_tool rabbitmqctl start_app >/dev/null 2>&1 || true; chaos_pg_running"
                + " || as_admin pg_ctlcluster $CHAOS_PG_VERSION $CHAOS_PG_CLUSTER start");
    }

    /** Runs a function of {@code services.sh}; fails with its output unless it succeeds within two minutes. */
    private void shell(String command) {
        Path script = repo.resolve("infra/chaos/services.sh");
        try {
            Path output = Files.createTempFile("chaos-shell", ".log");
            try {
                Process process = new ProcessBuilder("bash", "-c", "source '" + script + "' && " + command)
                        .redirectErrorStream(true).redirectOutput(output.toFile()).start();
                if (!process.waitFor(Duration.ofMinutes(2).toSeconds(), TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(command + " did not finish within 2 minutes");
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException(command + " exited with " + process.exitValue() + ": "
                            + Files.readString(output).strip());
                }
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + command, e);
        }
    }
}
