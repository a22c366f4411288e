package com.acme.loans.orchestrator;

import com.acme.loans.contract.loans.LoanRequested;
import java.util.UUID;

/**
 * What the loan-disbursement saga knows about its loan, persisted with the saga as JSON: what was asked for, what
 * credit granted, and what the ledger answered on the way.
 */
public record LoanData(
        UUID loanId,
        String borrowerId,
        long requestedCents,
        long grantedCents,
        UUID reservationId,
        String accountId,
        UUID disbursementId,
        String rejectionReason) {

    public static LoanData from(LoanRequested event) {
        return new LoanData(event.loanId(), event.borrowerId(), event.amountCents(), 0, null, null, null, null);
    }

    /** The loan is what was asked for, cut to the credit limit. */
    public LoanData grantedUpTo(long limitCents) {
        return new LoanData(loanId, borrowerId, requestedCents, Math.min(requestedCents, limitCents), reservationId,
                accountId, disbursementId, rejectionReason);
    }

    public LoanData withReservation(UUID id) {
        return new LoanData(loanId, borrowerId, requestedCents, grantedCents, id, accountId, disbursementId,
                rejectionReason);
    }

    public LoanData paidInto(String account) {
        return new LoanData(loanId, borrowerId, requestedCents, grantedCents, reservationId, account, disbursementId,
                rejectionReason);
    }

    public LoanData disbursedAs(UUID id) {
        return new LoanData(loanId, borrowerId, requestedCents, grantedCents, reservationId, accountId, id,
                rejectionReason);
    }

    public LoanData rejectedBecause(String reason) {
        return new LoanData(loanId, borrowerId, requestedCents, grantedCents, reservationId, accountId, disbursementId,
                reason);
    }
}
