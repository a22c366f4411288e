package dev.saga.systemtest;

import dev.saga.testbed.InfraScript;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * The PostgreSQL primary with its synchronous standby of {@code infra/cluster/postgres} (clusters 15/saga-a on 5441
 * and 15/saga-b on 5442, either of them the primary), driven through that script as an operator would.
 */
final class ReplicatedDatabase {

    static final String USER = "postgres";
    private static final Path SCRIPT = Path.of("../cluster/postgres").toAbsolutePath().normalize();

    private ReplicatedDatabase() {
    }

    /** Whether this machine can run the pair: PostgreSQL 15's server tools and Debian's cluster commands. */
    static boolean available() {
        return InfraScript.onPath("pg_createcluster")
                && Files.isExecutable(Path.of("/usr/lib/postgresql/15/bin/pg_rewind"));
    }

    /** Creates and starts the pair unless it runs, and waits until the standby streams synchronously. */
    static void up() {
        System.out.print(InfraScript.run(SCRIPT, Duration.ofMinutes(3), "up"));
    }

    static void killPrimary() {
        System.out.print(InfraScript.run(SCRIPT, Duration.ofMinutes(1), "kill-primary"));
    }

    static void killStandby() {
        System.out.print(InfraScript.run(SCRIPT, Duration.ofMinutes(1), "kill-standby"));
    }

    /** Lets the primary commit without its lost standby, as the operator's procedure for that loss does. */
    static void standbyLost() {
        System.out.print(InfraScript.run(SCRIPT, Duration.ofMinutes(1), "standby-lost"));
    }

    /** Promotes the standby, as the operator's failover procedure does. */
    static void failover() {
        System.out.print(InfraScript.run(SCRIPT, Duration.ofMinutes(2), "failover"));
    }

    /** The old primary follows the new one, synchronously again. */
    static void rejoin() {
        System.out.print(InfraScript.run(SCRIPT, Duration.ofMinutes(3), "rejoin"));
    }

    /** Both hosts, and only the primary will do: what the services are given. */
    static String url(String database) {
        return "jdbc:postgresql://127.0.0.1:5441,127.0.0.1:5442/" + database + "?targetServerType=primary";
    }

    /** Both clusters accept TLS with the server certificate in {@code dir}. */
    static void tls(Path dir) {
        System.out.print(InfraScript.run(SCRIPT, Duration.ofMinutes(1), "tls", dir.toString()));
    }

    /** A new, empty database on the primary, for one test. */
    static String freshDatabase() {
        String database = "it_replicated_" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        createDatabase(database);
        return database;
    }

    static void createDatabase(String database) {
        try (Connection c = DriverManager.getConnection(url("postgres"), USER, "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create database " + database + " on the primary", e);
        }
    }
}
