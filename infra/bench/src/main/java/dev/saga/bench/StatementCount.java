package dev.saga.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts the SQL statements PostgreSQL executed for the system's connections, from the server log with
 * {@code log_statement = 'all'} set on the bench database only (a setting new connections pick up, hence the
 * restart before). Each line names the backend's pid; {@code pg_stat_activity} names the service that owns it
 * (the services connect with their application name). A background rate measured while idle (relay and
 * deadline polls) is subtracted.
 */
final class StatementCount {

    private static final Pattern STATEMENT = Pattern.compile(
            "^\\S+ \\S+ \\S+ \\[(\\d+)\\] \\S+@(\\S+) LOG:  (?:statement|execute [^:]*): (.*)$");

    private final Path log;
    private final String database;

    StatementCount(Path log, String database) {
        this.log = log;
        this.database = database;
    }

    boolean available() {
        return Files.isReadable(log);
    }

    long position() {
        try {
            return Files.size(log);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + log, e);
        }
    }

    /** Statements per service and per first keyword (e.g. "orchestrator INSERT saga_timeline"), between offsets. */
    Map<String, Long> between(long from, long to, Map<Integer, String> services) {
        Map<String, Long> counts = new TreeMap<>();
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            file.seek(from);
            byte[] bytes = new byte[(int) Math.max(0, to - from)];
            file.readFully(bytes);
            for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
                Matcher m = STATEMENT.matcher(line);
                if (m.matches() && m.group(2).equals(database)) {
                    String service = services.get(Integer.parseInt(m.group(1)));
                    if (service != null && !service.equals("bench")) {
                        counts.merge(service + " " + shape(m.group(3)), 1L, Long::sum);
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + log, e);
        }
        return counts;
    }

    /** "INSERT INTO outbox (...) VALUES ..." -> "INSERT outbox"; "SELECT ... FROM saga WHERE" -> "SELECT saga". */
    static String shape(String sql) {
        String text = sql.trim().replaceAll("\\s+", " ");
        String keyword = text.split(" ")[0].toUpperCase();
        Matcher table = Pattern.compile("(?i)\\b(?:into|from|update)\\s+([a-z_.]+)").matcher(text);
        String target = "";
        if (keyword.equals("WITH")) {
            Matcher main = Pattern.compile("(?i)\\)\\s*(insert|update|delete|select)\\b").matcher(text);
            if (main.find()) {
                keyword = "WITH/" + main.group(1).toUpperCase();
            }
        }
        if (table.find()) {
            target = " " + table.group(1);
        }
        return keyword + target;
    }

    /** Subtracts a background rate (per second, over {@code seconds}) and divides by the number of sagas. */
    static Map<String, Double> perSaga(Map<String, Long> counts, Map<String, Long> idle, double idleSeconds,
                                       double seconds, long sagas) {
        Map<String, Double> per = new LinkedHashMap<>();
        Map<String, Long> keys = new HashMap<>(counts);
        idle.keySet().forEach(k -> keys.putIfAbsent(k, 0L));
        new TreeMap<>(keys).forEach((key, count) -> {
            double background = idle.getOrDefault(key, 0L) / idleSeconds * seconds;
            double value = Math.max(0, count - background) / sagas;
            if (value >= 0.005) {
                per.put(key, Math.round(value * 100) / 100.0);
            }
        });
        return per;
    }
}
