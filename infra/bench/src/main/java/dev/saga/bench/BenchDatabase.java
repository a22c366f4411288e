package dev.saga.bench;

import dev.saga.testbed.SystemTopology;
import dev.saga.testbed.Tables;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The harness's reads and writes on the bench database, over one connection of its own (application name
 * {@code bench}, so it is never counted as the system's). It seeds what the workload needs, finds which orders'
 * sagas ended, and reads the step latencies from the orchestrator's timeline afterwards.
 */
final class BenchDatabase implements Tables, AutoCloseable {

    static final int SKUS = 100;
    static final int CUSTOMERS = 100;

    private final Endpoints endpoints;
    private final Connection connection;

    BenchDatabase(Endpoints endpoints) {
        this.endpoints = endpoints;
        try {
            connection = DriverManager.getConnection(endpoints.jdbcUrl(), endpoints.dbUser(), "");
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot connect to " + endpoints.jdbcUrl(), e);
        }
    }

    Connection connection() {
        return connection;
    }

    /**
     * A catalogue of {@value #SKUS} SKUs and {@value #CUSTOMERS} customer accounts with ample stock and money, so
     * a long run never runs out and no single stock or account row serialises every saga.
     */
    void seedWorkload() {
        execute("INSERT INTO orders.catalog (sku, price_cents) SELECT 'SKU-BENCH-' || g, 2500"
                + " FROM generate_series(1, " + SKUS + ") g ON CONFLICT DO NOTHING");
        execute("INSERT INTO inventory.stock (sku, on_hand, reserved, deducted, warehouse_status)"
                + " SELECT 'SKU-BENCH-' || g, 1000000000, 0, 0, 'OK' FROM generate_series(1, " + SKUS + ") g"
                + " ON CONFLICT DO NOTHING");
        execute("INSERT INTO payment.account (id, balance_cents, credit_limit_cents, held_cents)"
                + " SELECT 'bench-' || g, 100000000000000, 0, 0 FROM generate_series(1, " + CUSTOMERS + ") g"
                + " ON CONFLICT DO NOTHING");
    }

    /** One saga that ended: its outcome and when it started and ended, by the database's clock. */
    record Ended(String orderId, String status, long createdMicros, long endedMicros) {
    }

    /** The sagas of these orders that reached a terminal state. */
    List<Ended> ended(Collection<String> orderIds) {
        List<Ended> ended = new ArrayList<>();
        String sql = """
                SELECT business_key, status, extract(epoch FROM created_at) * 1000000,
                       extract(epoch FROM updated_at) * 1000000
                FROM orchestrator.saga WHERE type = 'order-fulfilment' AND business_key = ANY(?)
                  AND status IN ('COMPLETED', 'COMPENSATED', 'STUCK', 'FAILED')""";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, connection.createArrayOf("text", orderIds.toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    ended.add(new Ended(rs.getString(1), rs.getString(2), (long) rs.getDouble(3),
                            (long) rs.getDouble(4)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read saga states", e);
        }
        return ended;
    }

    /**
     * Per step of these orders' sagas: command sent to reply applied, from the timeline, in milliseconds. Forward
     * steps come first and compensations after, each in the order the sagas reached them (the mean time from the
     * saga's start to the step's first send); the timeline's kinds tell them apart, not the state names.
     */
    Map<String, LatencyStats> stepLatencies(Collection<String> orderIds) {
        Map<String, List<Double>> byStep = new LinkedHashMap<>();
        Map<String, List<Double>> reachedAfter = new HashMap<>();
        Set<String> compensations = new HashSet<>();
        String sql = """
                SELECT t.step, extract(epoch FROM
                         min(t.at) FILTER (WHERE t.kind = 'REPLY_APPLIED')
                       - min(t.at) FILTER (WHERE t.kind IN ('COMMAND_SENT', 'COMPENSATION_SENT'))) * 1000,
                       extract(epoch FROM min(t.at) - s.created_at), bool_or(t.kind = 'COMPENSATION_SENT')
                FROM orchestrator.saga s JOIN orchestrator.saga_timeline t ON t.saga_id = s.id
                WHERE s.type = 'order-fulfilment' AND s.business_key = ANY(?) AND t.step IS NOT NULL
                GROUP BY s.id, t.step""";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, connection.createArrayOf("text", orderIds.toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    String step = rs.getString(1);
                    reachedAfter.computeIfAbsent(step, s -> new ArrayList<>()).add(rs.getDouble(3));
                    if (rs.getBoolean(4)) {
                        compensations.add(step);
                    }
                    double millis = rs.getDouble(2);
                    if (!rs.wasNull()) {
                        byStep.computeIfAbsent(step, s -> new ArrayList<>()).add(millis);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the timeline", e);
        }
        Map<String, LatencyStats> stats = new LinkedHashMap<>();
        byStep.keySet().stream()
                .sorted(Comparator.comparing((String step) -> compensations.contains(step))
                        .thenComparingDouble(step -> mean(reachedAfter.get(step)))
                        .thenComparing(Comparator.naturalOrder()))
                .forEach(step -> stats.put(step, LatencyStats.of(byStep.get(step))));
        return stats;
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.MAX_VALUE);
    }

    /** Committed and rolled-back transactions of the bench database so far (PostgreSQL's own statistics). */
    long transactions() {
        return queryLong("SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = current_database()");
    }

    /** Rows inserted, updated and deleted so far, per schema-qualified table of the system. */
    Map<String, long[]> rowWrites() {
        Map<String, long[]> writes = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT schemaname || '.' || relname, n_tup_ins, n_tup_upd,"
                     + " n_tup_del FROM pg_stat_user_tables WHERE schemaname IN (" + SystemTopology.schemas().stream()
                     .map(schema -> "'" + schema + "'").collect(Collectors.joining(", ")) + ") ORDER BY 1")) {
            while (rs.next()) {
                writes.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4)});
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read table statistics", e);
        }
        return writes;
    }

    /** Messages still waiting in any service's outbox. */
    long outboxBacklog() {
        return queryLong("SELECT " + SystemTopology.schemas().stream()
                .map(schema -> "(SELECT count(*) FROM " + schema + ".outbox)").collect(Collectors.joining(" + ")));
    }

    long sagaCount() {
        return queryLong("SELECT count(*) FROM orchestrator.saga");
    }

    /** Server process id to application name, for the system's connections to the bench database. */
    Map<Integer, String> backends() {
        Map<Integer, String> backends = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT pid, application_name FROM pg_stat_activity"
                     + " WHERE datname = current_database() AND pid <> pg_backend_pid()")) {
            while (rs.next()) {
                backends.put(rs.getInt(1), rs.getString(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read pg_stat_activity", e);
        }
        return backends;
    }

    @Override
    public long count(String sql) {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (SQLException e) {
            throw new IllegalStateException("Failed: " + sql, e);
        }
    }

    @Override
    public Map<String, Long> totals(String sql) {
        Map<String, Long> totals = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                totals.put(rs.getString(1), rs.getLong(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Failed: " + sql, e);
        }
        return totals;
    }

    long queryLong(String sql) {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Failed: " + sql, e);
        }
    }

    String queryString(String sql) {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException("Failed: " + sql, e);
        }
    }

    /**
     * Vacuums and analyses the bench database, as autovacuum would between two phases. Outbox and inbox tables
     * churn (a row inserted and deleted per message); unvacuumed, every relay poll reads all their dead rows and
     * the next phase measures that more than the saga system. Needed where the server runs with autovacuum off.
     */
    void vacuum() {
        execute("VACUUM ANALYZE");
    }

    void execute(String sql) {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Failed: " + sql, e);
        }
    }

    /** Runs a statement on the maintenance database (creating or dropping databases, database settings). */
    void onServer(String sql) {
        try (Connection admin = DriverManager.getConnection(endpoints.jdbcBase() + "postgres?ApplicationName=bench",
                endpoints.dbUser(), ""); Statement statement = admin.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Failed: " + sql, e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // Closing at exit: nothing left to do with it.
            return;
        }
    }
}
