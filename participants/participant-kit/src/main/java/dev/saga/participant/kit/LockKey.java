package dev.saga.participant.kit;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Something a handler locks, named by kind and id ({@code order} and its id, {@code sku} and its code). The kit
 * takes a message's keys as PostgreSQL transaction-scoped advisory locks before any handler of its batch runs,
 * all of them sorted by {@link #value()}; so handlers that lock the same things in different orders never wait
 * for each other in a cycle.
 *
 * @param kind what is locked, e.g. {@code order}
 * @param id   which one, e.g. the order's id
 */
public record LockKey(String kind, String id) {

    public LockKey {
        if (kind == null || kind.isBlank() || id == null) {
            throw new IllegalArgumentException("A lock key needs a kind and an id: " + kind + " " + id);
        }
    }

    public static LockKey of(String kind, Object id) {
        return new LockKey(kind, String.valueOf(id));
    }

    /**
     * The 64-bit advisory-lock key: from a name-based UUID of kind and id, so every process and every version of
     * the code derives the same key, and kinds never collide by construction (only by a 2^-64 chance).
     */
    public long value() {
        UUID name = UUID.nameUUIDFromBytes((kind + ":" + id).getBytes(StandardCharsets.UTF_8));
        return name.getMostSignificantBits() ^ name.getLeastSignificantBits();
    }
}
