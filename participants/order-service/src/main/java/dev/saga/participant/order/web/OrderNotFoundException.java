package dev.saga.participant.order.web;

import java.util.UUID;

/** No order has the requested id. */
class OrderNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    OrderNotFoundException(UUID id) {
        super("There is no order " + id);
    }
}
