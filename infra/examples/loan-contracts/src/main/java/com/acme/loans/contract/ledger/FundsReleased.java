package com.acme.loans.contract.ledger;

import java.util.UUID;

/** Reply to ReleaseFunds, also when nothing was reserved. */
public record FundsReleased(UUID loanId, long releasedCents) implements ReleaseFunds.Reply {
}
