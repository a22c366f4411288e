package com.acme.loans.contract.ledger;

import dev.saga.contract.Command;
import java.util.UUID;

/** Command: is the borrower's payout account open to receive the loan? */
public record VerifyPayoutAccount(UUID loanId, String borrowerId) implements Command<VerifyPayoutAccount.Reply> {

    /** What answers {@code VerifyPayoutAccount}. */
    public sealed interface Reply permits PayoutAccountVerified, PayoutAccountRefused {
    }
}
