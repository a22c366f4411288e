package com.acme.loans.contract.ledger;

import java.util.UUID;

/** Failure reply: the pool holds less than the amount; nothing was set aside. */
public record FundsUnavailable(UUID loanId, String reason) implements ReserveFunds.Reply {
}
