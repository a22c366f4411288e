package dev.saga.chaos;

import dev.saga.testbed.Tables;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the services' tables in the run's database, one short connection per query, so a database
 * restart or failover costs the runner nothing but the queries made while it was down (they fail).
 */
final class Database implements Tables {

    private final String url;

    Database(String url) {
        this.url = url;
    }

    @Override
    public long count(String sql) {
        return count(sql, new Object[0]);
    }

    @Override
    public Map<String, Long> totals(String sql) {
        return totals(sql, new Object[0]);
    }

    long count(String sql, Object... params) {
        return query(sql, params, rs -> rs.next() ? rs.getLong(1) : 0L);
    }

    List<String> strings(String sql, Object... params) {
        return query(sql, params, rs -> {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        });
    }

    /** The first column as the key, the second as a number. */
    Map<String, Long> totals(String sql, Object... params) {
        return query(sql, params, rs -> {
            Map<String, Long> values = new TreeMap<>();
            while (rs.next()) {
                values.put(rs.getString(1), rs.getLong(2));
            }
            return values;
        });
    }

    /** The first column as the key, the second as text. */
    Map<String, String> pairs(String sql, Object... params) {
        return query(sql, params, rs -> {
            Map<String, String> values = new TreeMap<>();
            while (rs.next()) {
                values.put(rs.getString(1), rs.getString(2));
            }
            return values;
        });
    }

    /** A text array parameter, for {@code = ANY(?)}. */
    static Object textArray(Collection<String> values) {
        return new TextArray(values.toArray(String[]::new));
    }

    private <T> T query(String sql, Object[] params, ResultReader<T> reader) {
        try (Connection connection = DriverManager.getConnection(url,
                Infrastructure.DATABASE_USER, "");
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setQueryTimeout(60);
            for (int i = 0; i < params.length; i++) {
                if (params[i] instanceof TextArray array) {
                    statement.setArray(i + 1, connection.createArrayOf("text", array.values()));
                } else {
                    statement.setObject(i + 1, params[i]);
                }
            }
            try (ResultSet rs = statement.executeQuery()) {
                return reader.read(rs);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Query failed: " + e.getMessage() + "\n" + sql, e);
        }
    }

    private record TextArray(String[] values) {
    }

    @FunctionalInterface
    private interface ResultReader<T> {
        T read(ResultSet rs) throws SQLException;
    }
}
