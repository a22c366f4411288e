package dev.saga.orderfulfilment;

import dev.saga.contract.Nullable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * An operator's decision on an order held for a fraud review, the body of the {@code approve} and {@code reject}
 * signals: who reviewed it, and why (at most 500 characters, optional).
 */
public record ReviewDecision(@NotBlank @Size(max = 100) String reviewer, @Nullable @Size(max = 500) String note) {
}
