package dev.saga.participant.order;

/**
 * Where an order is in its sagas: waiting, or settled one way or the other; an approved order may then be
 * cancelled (CANCELLING while its cancellation saga runs).
 */
public enum OrderStatus {
    PENDING,
    APPROVED,
    REJECTED,
    CANCELLING,
    CANCELLED
}
