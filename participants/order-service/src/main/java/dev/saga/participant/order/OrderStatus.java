package dev.saga.participant.order;

/** Where an order is in its saga: waiting, or settled one way or the other. */
public enum OrderStatus {
    PENDING,
    APPROVED,
    REJECTED
}
