package dev.saga.participant.order.web;

import dev.saga.participant.order.Order;
import dev.saga.participant.order.Orders;
import dev.saga.participant.order.placement.OrderPlacement;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Order intake: placing an order starts its saga; reading it shows how the saga went. */
@RestController
@RequestMapping("/orders")
class OrderController {

    private final OrderPlacement placement;
    private final Orders orders;

    OrderController(OrderPlacement placement, Orders orders) {
        this.placement = placement;
        this.orders = orders;
    }

    @PostMapping
    ResponseEntity<PlacedOrder> place(@Valid @RequestBody PlaceOrderRequest request) {
        Order order = placement.place(request.customerId(), request.orderLines());
        return ResponseEntity.created(URI.create("/orders/" + order.id()))
                .body(new PlacedOrder(order.id(), order.status().name(), order.amountCents()));
    }

    @GetMapping("/{id}")
    OrderView find(@PathVariable UUID id) {
        return orders.find(id).map(OrderView::of).orElseThrow(() -> new OrderNotFoundException(id));
    }
}
