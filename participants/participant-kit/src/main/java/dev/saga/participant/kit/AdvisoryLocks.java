package dev.saga.participant.kit;

import java.util.Collection;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Takes lock keys as transaction-scoped advisory locks, sorted, in one statement. Every writer of a participant's
 * rows that takes more than one lock goes through here, so all of them lock in the same order.
 */
public class AdvisoryLocks {

    private final JdbcTemplate jdbc;

    public AdvisoryLocks(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Locks every key until the current transaction ends, in ascending key order; nothing for no keys. unnest
     * returns the array's elements in order, so the locks are taken in that order.
     */
    public void lock(Collection<LockKey> keys) {
        Long[] sorted = keys.stream().map(LockKey::value).distinct().sorted().toArray(Long[]::new);
        if (sorted.length == 0) {
            return;
        }
        jdbc.query("SELECT pg_advisory_xact_lock(k) FROM unnest(?::bigint[]) AS k", rs -> null, (Object) sorted);
    }
}
