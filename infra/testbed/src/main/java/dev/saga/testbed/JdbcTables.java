package dev.saga.testbed;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;

/** The system's tables over one plain JDBC connection, for a short-lived command. */
final class JdbcTables implements Tables, AutoCloseable {

    private final Connection connection;

    JdbcTables(String url, String user) throws SQLException {
        this.connection = DriverManager.getConnection(url, user, "");
    }

    @Override
    public long count(String sql) {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (SQLException e) {
            throw new IllegalStateException("Query failed: " + e.getMessage() + "\n" + sql, e);
        }
    }

    @Override
    public Map<String, Long> totals(String sql) {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            Map<String, Long> totals = new TreeMap<>();
            while (rs.next()) {
                totals.put(rs.getString(1), rs.getLong(2));
            }
            return totals;
        } catch (SQLException e) {
            throw new IllegalStateException("Query failed: " + e.getMessage() + "\n" + sql, e);
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
