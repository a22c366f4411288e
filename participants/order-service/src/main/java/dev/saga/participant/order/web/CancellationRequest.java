package dev.saga.participant.order.web;

import jakarta.validation.constraints.Size;

/** The body of {@code POST /orders/{id}/cancellation}: why the customer cancels (optional). */
record CancellationRequest(@Size(max = 500) String reason) {
}
