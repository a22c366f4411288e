package dev.saga.bench;

/**
 * A large finished history in the orchestrator's tables, as a system that has run for a month would have:
 * {@code n} finished sagas (one in twenty compensated) with their full timelines, copied from a real saga of
 * this run so rows and JSON have their true size. Bulk-loaded with generate_series in chunks, with foreign-key
 * triggers off for the loading session only (the rows are consistent by construction), then vacuumed and
 * analysed as autovacuum would have done by then.
 */
final class History {

    private static final int CHUNK = 100_000;

    private History() {
    }

    static void insert(BenchDatabase database, int sagas) {
        String template = database.queryString("SELECT id FROM orchestrator.saga WHERE status = 'COMPLETED'"
                + " ORDER BY updated_at DESC LIMIT 1");
        if (template == null) {
            throw new IllegalStateException("No completed saga to copy the history from");
        }
        database.execute("SET session_replication_role = replica");
        database.execute("SET synchronous_commit = off");
        try {
            for (int from = 1; from <= sagas; from += CHUNK) {
                int to = Math.min(sagas, from + CHUNK - 1);
                database.execute("BEGIN");
                database.execute(sagaRows(template, from, to));
                database.execute(timelineRows(template, from, to));
                database.execute("COMMIT");
                System.out.printf("history: %d of %d finished sagas inserted%n", to, sagas);
            }
        } finally {
            database.execute("SET session_replication_role = DEFAULT");
            database.execute("SET synchronous_commit = on");
        }
        database.execute("VACUUM ANALYZE orchestrator.saga");
        database.execute("VACUUM ANALYZE orchestrator.saga_timeline");
    }

    /** Sagas g = from..to, ended between 30 days and a few minutes ago, ids and keys derived from g. */
    private static String sagaRows(String template, int from, int to) {
        return """
                INSERT INTO orchestrator.saga (id, type, definition_version, business_key, status, machine_state,
                  attempt, data, failure_reason, version, created_at, updated_at)
                SELECT md5('bench-history-' || g)::uuid, s.type, s.definition_version,
                       md5('bench-history-order-' || g)::uuid::text,
                       CASE WHEN g %% 20 = 0 THEN 'COMPENSATED' ELSE 'COMPLETED' END,
                       CASE WHEN g %% 20 = 0 THEN 'COMPENSATED' ELSE 'COMPLETED' END,
                       s.attempt, s.data, CASE WHEN g %% 20 = 0 THEN 'reserve-stock failed: bench history' END,
                       s.version, now() - interval '30 days' + g * interval '2500 milliseconds',
                       now() - interval '30 days' + g * interval '2500 milliseconds' + (s.updated_at - s.created_at)
                FROM orchestrator.saga s, generate_series(%d, %d) g WHERE s.id = '%s'
                """.formatted(from, to, template);
    }

    private static String timelineRows(String template, int from, int to) {
        return """
                INSERT INTO orchestrator.saga_timeline (saga_id, at, kind, step, attempt, message_id, message_type,
                  detail)
                SELECT md5('bench-history-' || g)::uuid,
                       now() - interval '30 days' + g * interval '2500 milliseconds' + (t.at - s.created_at),
                       t.kind, t.step, t.attempt, md5('bench-history-' || g || '/' || t.id)::uuid, t.message_type,
                       t.detail
                FROM orchestrator.saga s JOIN orchestrator.saga_timeline t ON t.saga_id = s.id,
                     generate_series(%d, %d) g
                WHERE s.id = '%s' ORDER BY g, t.id
                """.formatted(from, to, template);
    }
}
