package dev.saga.participant.order.web;

import dev.saga.contract.order.OrderLine;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The body of {@code POST /orders}: who orders, and how many of which SKUs. Every string is stored, so each has
 * a limit (the customer id is indexed, and PostgreSQL refuses an index row of more than a few kilobytes).
 */
record PlaceOrderRequest(
        @NotBlank @Size(max = 200) String customerId,
        @NotEmpty @Size(max = 100) List<@NotNull @Valid Line> lines) {

    List<OrderLine> orderLines() {
        return lines.stream().map(line -> new OrderLine(line.sku(), line.quantity())).toList();
    }

    /** One requested line; the quantity bound keeps a typo from reserving a warehouse. */
    record Line(@NotBlank @Size(max = 100) String sku, @NotNull @Min(1) @Max(1000) Integer quantity) {
    }
}
