package com.acme.loans.contract.ledger;

import java.util.UUID;

/** Reply: the amount is set aside under {@code reservationId}. */
public record FundsReserved(UUID loanId, UUID reservationId, long amountCents) implements ReserveFunds.Reply {
}
