package dev.saga.orchestrator.engine;

import dev.saga.orchestrator.engine.plan.SagaStatus;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Saga rows in PostgreSQL: the engine's {@link SagaStore}, and the reads and moves of the features around it.
 * Changes go through {@link #lock} and {@link #update} inside one transaction.
 */
@Repository
public class SagaRepository implements SagaStore {

    /** A saga's columns with its step deadline, selected {@link #FROM}. */
    static final String COLUMNS = "saga.id, saga.type, saga.definition_version, saga.business_key, saga.status,"
            + " saga.machine_state, saga.attempt, saga.data, saga.step_replies, saga.branches, saga.failure_reason,"
            + " deadline.due_at AS deadline_at, finish.due_at AS finish_by,"
            + " saga.version, saga.created_at, saga.updated_at";
    /** The sagas with their timers (the timer table), for {@link #COLUMNS}; lock with FOR UPDATE OF saga. */
    static final String FROM = " FROM saga LEFT JOIN" + SagaTimers.STEP_TIMER_OF_SAGA + " LEFT JOIN"
            + SagaTimers.SAGA_DEADLINE_OF_SAGA;

    private final JdbcTemplate jdbc;
    private final SagaTimers timers;

    SagaRepository(JdbcTemplate jdbc, SagaTimers timers) {
        this.jdbc = jdbc;
        this.timers = timers;
    }

    /**
     * Inserts new sagas, already in their first step's state, with their step deadlines, in one statement; the ids
     * of those inserted. One whose id (so business key) exists already is left as it is and not returned.
     */
    @Override
    public Set<UUID> insertAll(List<NewSaga> fresh) {
        if (fresh.isEmpty()) {
            return Set.of();
        }
        List<SagaInstance> rows = fresh.stream().map(NewSaga::saga).toList();
        Set<UUID> inserted = new HashSet<>();
        jdbc.query(con -> {
            PreparedStatement ps = con.prepareStatement("""
                    WITH v AS (
                      SELECT * FROM unnest(?::uuid[], ?::text[], ?::int4[], ?::text[], ?::text[], ?::text[], ?::int4[],
                                           ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                        AS v(id, type, definition_version, business_key, status, machine_state, attempt, data,
                             traceparent, due_at, step_replies, finish_by, branches)),
                    inserted AS (
                      INSERT INTO saga (id, type, definition_version, business_key, status, machine_state, attempt,
                                        data, traceparent, step_replies, branches)
                      SELECT id, type, definition_version, business_key, status, machine_state, attempt, data::jsonb,
                             traceparent, step_replies::jsonb, branches::jsonb FROM v
                      ON CONFLICT DO NOTHING RETURNING id),
                    timers AS (
                      INSERT INTO saga_timer (saga_id, timer_kind, timer_key, due_at)
                      SELECT v.id, CASE WHEN v.attempt = 0 THEN 'STEP_DELAY' ELSE 'STEP_DEADLINE' END, '',
                             v.due_at::timestamptz
                      FROM inserted JOIN v ON v.id = inserted.id WHERE v.due_at IS NOT NULL
                      UNION ALL
                      SELECT v.id, 'SAGA_DEADLINE', '', v.finish_by::timestamptz
                      FROM inserted JOIN v ON v.id = inserted.id WHERE v.finish_by IS NOT NULL)
                    SELECT id FROM inserted""");
            ps.setArray(1, con.createArrayOf("uuid", rows.stream().map(SagaInstance::id).toArray()));
            ps.setArray(2, con.createArrayOf("text", rows.stream().map(SagaInstance::type).toArray()));
            ps.setArray(3, con.createArrayOf("int4", rows.stream().map(SagaInstance::definitionVersion).toArray()));
            ps.setArray(4, con.createArrayOf("text", rows.stream().map(SagaInstance::businessKey).toArray()));
            ps.setArray(5, con.createArrayOf("text", rows.stream().map(s -> s.status().name()).toArray()));
            ps.setArray(6, con.createArrayOf("text", rows.stream().map(SagaInstance::machineState).toArray()));
            ps.setArray(7, con.createArrayOf("int4", rows.stream().map(SagaInstance::attempt).toArray()));
            ps.setArray(8, con.createArrayOf("text", rows.stream().map(SagaInstance::data).toArray()));
            ps.setArray(9, con.createArrayOf("text", fresh.stream().map(NewSaga::traceparent).toArray()));
            ps.setArray(10, con.createArrayOf("text", rows.stream().map(s -> text(s.deadlineAt())).toArray()));
            ps.setArray(11, con.createArrayOf("text", rows.stream().map(SagaInstance::stepReplies).toArray()));
            ps.setArray(12, con.createArrayOf("text", rows.stream().map(s -> text(s.finishBy())).toArray()));
            ps.setArray(13, con.createArrayOf("text", rows.stream().map(SagaInstance::branches).toArray()));
            return ps;
        }, rs -> {
            inserted.add(rs.getObject(1, UUID.class));
        });
        return inserted;
    }

    /** The W3C trace context the saga started in, if it was traced. */
    public Optional<String> traceparentOf(UUID id) {
        return jdbc.queryForList("SELECT traceparent FROM saga WHERE id = ? AND traceparent IS NOT NULL",
                String.class, id).stream().findFirst();
    }

    /** Reads the saga and holds its row lock until the transaction ends: one writer per saga. */
    public Optional<SagaInstance> lock(UUID id) {
        return jdbc.query("SELECT " + COLUMNS + FROM + " WHERE id = ? FOR UPDATE OF saga", SagaRepository::map, id)
                .stream().findFirst();
    }

    /**
     * Reads the sagas and holds their row locks until the transaction ends, taken in id order in one statement,
     * so two transactions locking overlapping sets never wait on each other in a circle. Unknown ids are absent.
     */
    @Override
    public Map<UUID, SagaInstance> lockAll(Collection<UUID> ids) {
        Map<UUID, SagaInstance> locked = new LinkedHashMap<>();
        jdbc.query(con -> {
            PreparedStatement ps = con.prepareStatement("SELECT " + COLUMNS + FROM
                    + " WHERE id = ANY(?) ORDER BY id FOR UPDATE OF saga");
            ps.setArray(1, con.createArrayOf("uuid", ids.toArray()));
            return ps;
        }, rs -> {
            SagaInstance saga = map(rs, 0);
            locked.put(saga.id(), saga);
        });
        return locked;
    }

    /** Locks the saga only if its step timer is due and no one else holds it (deadline scanners compete). */
    @Override
    public Optional<SagaInstance> lockIfDue(UUID id) {
        return lockIfTimerDue(id, "deadline");
    }

    /** Locks the saga only if its own deadline passed and no one else holds it. */
    @Override
    public Optional<SagaInstance> lockIfFinishDue(UUID id) {
        return lockIfTimerDue(id, "finish");
    }

    /** Locks the waiting saga whose timer joined as {@code timer} ({@link #FROM}) is due, unless someone holds it. */
    private Optional<SagaInstance> lockIfTimerDue(UUID id, String timer) {
        return jdbc.query("SELECT " + COLUMNS + FROM + " WHERE id = ? AND " + timer + ".due_at <= now()"
                + " AND status IN ('RUNNING', 'COMPENSATING') FOR UPDATE OF saga SKIP LOCKED", SagaRepository::map,
                id).stream().findFirst();
    }

    /** Sagas whose step timer is due (a reply overdue, or a delay over), oldest first. */
    public List<UUID> overdue(int limit) {
        return timers.overdueSteps(limit);
    }

    /** Sagas whose own deadline passed, oldest first. */
    public List<UUID> overdueSagas(int limit) {
        return timers.overdueSagas(limit);
    }

    public Optional<SagaInstance> find(UUID id) {
        return jdbc.query("SELECT " + COLUMNS + FROM + " WHERE id = ?", SagaRepository::map, id).stream()
                .findFirst();
    }

    /**
     * Sagas for a read of the caller's own: {@code tail} is what follows the {@code FROM} (conditions on the saga
     * table's columns, an order, a limit), with its arguments. Nothing is locked.
     */
    public List<SagaInstance> select(String tail, Object... args) {
        return jdbc.query("SELECT " + COLUMNS + FROM + tail, SagaRepository::map, args);
    }

    public Optional<SagaInstance> findByBusinessKey(String type, String businessKey) {
        return jdbc.query("SELECT " + COLUMNS + FROM + " WHERE type = ? AND business_key = ?",
                SagaRepository::map, type, businessKey).stream().findFirst();
    }

    /** Writes the new state; the version check guards against a writer that did not hold the lock. */
    @Override
    public void update(SagaInstance saga) {
        updateAll(List.of(saga));
    }

    /**
     * Writes the new states of locked sagas in one statement, each with its version check (the version it was
     * read with): if any row was changed by a writer that did not hold its lock, nothing is written. The
     * statement's text is the same for any number of sagas (arrays, not a VALUES list), so it is planned once.
     * In the same statement their step deadlines are set in the timer table, or removed for a saga that ended or
     * gave up ({@link SagaTimers}): the saga row's update then changes no indexed column while the saga stays in
     * its status, and PostgreSQL can keep it on its page (HOT).
     */
    @Override
    public void updateAll(List<SagaInstance> changed) {
        if (changed.isEmpty()) {
            return;
        }
        Integer updated = jdbc.query(con -> {
            PreparedStatement ps = con.prepareStatement("""
                    WITH moved AS (
                      UPDATE saga s SET status = v.status, machine_state = v.machine_state, attempt = v.attempt,
                        data = v.data::jsonb, step_replies = v.step_replies::jsonb, branches = v.branches::jsonb,
                        failure_reason = v.failure_reason, version = s.version + 1, updated_at = now()
                      FROM unnest(?::uuid[], ?::int8[], ?::text[], ?::text[], ?::int4[], ?::text[], ?::text[],
                                  ?::text[], ?::text[], ?::text[], ?::text[])
                        AS v(id, version, status, machine_state, attempt, data, step_replies, failure_reason, due_at,
                             finish_by, branches)
                      WHERE s.id = v.id AND s.version = v.version
                      RETURNING s.id, v.due_at, v.finish_by,
                        CASE WHEN v.attempt = 0 THEN 'STEP_DELAY' ELSE 'STEP_DEADLINE' END AS step_timer),
                    step_timer AS (
                      INSERT INTO saga_timer (saga_id, timer_kind, timer_key, due_at)
                      SELECT id, step_timer, '', due_at::timestamptz FROM moved WHERE due_at IS NOT NULL
                      ON CONFLICT (saga_id, timer_kind, timer_key) DO UPDATE SET due_at = excluded.due_at),
                    saga_deadline AS (
                      INSERT INTO saga_timer (saga_id, timer_kind, timer_key, due_at)
                      SELECT id, 'SAGA_DEADLINE', '', finish_by::timestamptz FROM moved WHERE finish_by IS NOT NULL
                      ON CONFLICT (saga_id, timer_kind, timer_key) DO NOTHING),
                    gone AS (
                      DELETE FROM saga_timer t USING moved WHERE t.saga_id = moved.id AND t.timer_key = ''
                        AND CASE WHEN t.timer_kind = 'SAGA_DEADLINE' THEN moved.finish_by IS NULL
                                 ELSE moved.due_at IS NULL OR t.timer_kind <> moved.step_timer END)
                    SELECT count(*) FROM moved""");
            ps.setArray(1, con.createArrayOf("uuid", changed.stream().map(SagaInstance::id).toArray()));
            ps.setArray(2, con.createArrayOf("int8", changed.stream().map(SagaInstance::version).toArray()));
            ps.setArray(3, con.createArrayOf("text", changed.stream().map(s -> s.status().name()).toArray()));
            ps.setArray(4, con.createArrayOf("text", changed.stream().map(SagaInstance::machineState).toArray()));
            ps.setArray(5, con.createArrayOf("int4", changed.stream().map(SagaInstance::attempt).toArray()));
            ps.setArray(6, con.createArrayOf("text", changed.stream().map(SagaInstance::data).toArray()));
            ps.setArray(7, con.createArrayOf("text", changed.stream().map(SagaInstance::stepReplies).toArray()));
            ps.setArray(8, con.createArrayOf("text", changed.stream().map(SagaInstance::failureReason).toArray()));
            ps.setArray(9, con.createArrayOf("text", changed.stream().map(s -> text(s.deadlineAt())).toArray()));
            ps.setArray(10, con.createArrayOf("text", changed.stream().map(s -> text(s.finishBy())).toArray()));
            ps.setArray(11, con.createArrayOf("text", changed.stream().map(SagaInstance::branches).toArray()));
            return ps;
        }, rs -> rs.next() ? rs.getInt(1) : 0);
        if (updated == null || updated != changed.size()) {
            throw new IllegalStateException("Sagas " + changed.stream().map(s -> s.id() + " v" + s.version()).toList()
                    + " changed concurrently: " + updated + " of " + changed.size() + " written");
        }
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /** Sagas whose steps are still being sent and answered: running or compensating (an index-only count). */
    public int inFlight() {
        return jdbc.queryForObject("SELECT count(*) FROM saga WHERE status IN ('RUNNING', 'COMPENSATING')",
                Integer.class);
    }

    /** Unfinished sagas (running, compensating, stuck or failed) on this version of their definition. */
    public List<SagaInstance> unfinishedOn(String type, int definitionVersion) {
        return jdbc.query("SELECT " + COLUMNS + FROM + " WHERE type = ? AND definition_version = ?"
                + " AND status NOT IN ('COMPLETED', 'COMPENSATED') ORDER BY created_at", SagaRepository::map,
                type, definitionVersion);
    }

    /** How many unfinished sagas run on each (type, version): what the loaded definitions must cover. */
    public List<VersionInUse> unfinishedByVersion() {
        return jdbc.query("""
                SELECT type, definition_version, count(*) FROM saga WHERE status NOT IN ('COMPLETED', 'COMPENSATED')
                GROUP BY type, definition_version ORDER BY type, definition_version""",
                (rs, i) -> new VersionInUse(rs.getString(1), rs.getInt(2), rs.getLong(3)));
    }

    /** A definition version and how many unfinished sagas run on it. */
    public record VersionInUse(String type, int version, long sagas) {
    }

    /** Moves a locked saga to another version of its definition, in the same state, with migrated data. */
    public void moveToVersion(SagaInstance saga, int definitionVersion, String data) {
        int updated = jdbc.update("""
                UPDATE saga SET definition_version = ?, data = ?::jsonb, version = version + 1, updated_at = now()
                WHERE id = ? AND version = ?""", definitionVersion, data, saga.id(), saga.version());
        if (updated != 1) {
            throw new IllegalStateException("Saga " + saga.id() + " changed concurrently (version " + saga.version()
                    + ")");
        }
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    static SagaInstance map(ResultSet rs, int row) throws SQLException {
        return new SagaInstance(rs.getObject("id", UUID.class), rs.getString("type"),
                rs.getInt("definition_version"), rs.getString("business_key"),
                SagaStatus.valueOf(rs.getString("status")), rs.getString("machine_state"), rs.getInt("attempt"),
                rs.getString("data"), rs.getString("step_replies"), rs.getString("branches"),
                rs.getString("failure_reason"),
                instant(rs.getTimestamp("deadline_at")), instant(rs.getTimestamp("finish_by")),
                rs.getLong("version"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}
