package dev.saga.contract.order;

import jakarta.validation.Valid;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/**
 * Event: the order service accepted a new order; it starts the order-fulfilment saga. The constraints hold for
 * every order the order service places, and are checked where one is started by hand (the admin start).
 */
public record OrderCreated(UUID orderId, @Size(max = 200) String customerId, List<@Valid OrderLine> lines,
                           @PositiveOrZero long amountCents) {
}
