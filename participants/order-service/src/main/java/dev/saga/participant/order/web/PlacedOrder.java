package dev.saga.participant.order.web;

import java.util.UUID;

/** The answer to {@code POST /orders}: the new order's id, its status, and what it will cost. */
record PlacedOrder(UUID orderId, String status, long amountCents) {
}
