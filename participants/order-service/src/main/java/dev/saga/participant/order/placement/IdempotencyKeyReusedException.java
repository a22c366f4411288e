package dev.saga.participant.order.placement;

/**
 * An Idempotency-Key sent before with another order: refused, and nothing was placed. It does not say which
 * order the key placed, since the order service has no login to tell its client from anyone else.
 */
public class IdempotencyKeyReusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String key;

    IdempotencyKeyReusedException(String key) {
        super("Idempotency-Key " + key + " was used for a different order; send a new key for a new order");
        this.key = key;
    }

    public String key() {
        return key;
    }
}
