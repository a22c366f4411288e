package dev.saga.participant.order.web;

import dev.saga.participant.order.Order;
import dev.saga.participant.order.Orders;
import dev.saga.participant.order.cancellation.OrderCancellation;
import dev.saga.participant.order.placement.OrderPlacement;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Order intake: placing an order starts its saga; reading it shows how the saga went; cancelling an approved
 * order starts its cancellation saga.
 */
@RestController
@RequestMapping("/orders")
class OrderController {

    private final OrderPlacement placement;
    private final Orders orders;
    private final OrderCancellation cancellation;

    OrderController(OrderPlacement placement, Orders orders, OrderCancellation cancellation) {
        this.placement = placement;
        this.orders = orders;
        this.cancellation = cancellation;
    }

    /**
     * 201 with the new order; with an {@code Idempotency-Key} placed before with the same order, 200 with that
     * order as it is now; with a key placed before with another order, 409. The key is optional: without one,
     * every request is a new order.
     */
    @PostMapping
    ResponseEntity<PlacedOrder> place(@Valid @RequestBody PlaceOrderRequest request,
                                      @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String key) {
        OrderPlacement.Placement placed = placement.place(request.customerId(), request.orderLines(),
                IdempotencyKeys.checked(key));
        Order order = placed.order();
        return ResponseEntity.status(placed.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .location(URI.create("/orders/" + order.id()))
                .body(new PlacedOrder(order.id(), order.status().name(), order.amountCents()));
    }

    /** Starts the order's cancellation saga; 202 with the order, now CANCELLING; 409 unless it is APPROVED. */
    @PostMapping("/{id}/cancellation")
    ResponseEntity<OrderView> cancel(@PathVariable UUID id,
                                     @Valid @RequestBody(required = false) CancellationRequest request) {
        Order order = cancellation.request(id, request == null ? null : request.reason())
                .orElseThrow(() -> new OrderNotFoundException(id));
        return ResponseEntity.accepted().body(OrderView.of(order));
    }

    @GetMapping("/{id}")
    OrderView find(@PathVariable UUID id) {
        return orders.find(id).map(OrderView::of).orElseThrow(() -> new OrderNotFoundException(id));
    }
}
