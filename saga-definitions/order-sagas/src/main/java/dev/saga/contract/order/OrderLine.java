package dev.saga.contract.order;

import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/** One line of an order: how many units of which SKU. */
public record OrderLine(@Size(max = 100) String sku, @Positive int quantity) {
}
