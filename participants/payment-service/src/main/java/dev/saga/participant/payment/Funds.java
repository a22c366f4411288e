package dev.saga.participant.payment;

import java.util.Optional;

/** What an account can spend: its balance plus its credit line, less what is already held for orders. */
record Funds(String accountId, long balanceCents, long creditLimitCents, long heldCents) {

    long availableCents() {
        return balanceCents + creditLimitCents - heldCents;
    }

    /** Why a hold of this amount is refused, or empty when the account can cover it. */
    Optional<String> declineReason(long amountCents) {
        if (amountCents <= 0) {
            return Optional.of(accountId + ": amount " + amountCents + " is not positive");
        }
        if (amountCents > availableCents()) {
            return Optional.of(accountId + ": " + amountCents + " requested, " + availableCents() + " available");
        }
        return Optional.empty();
    }
}
