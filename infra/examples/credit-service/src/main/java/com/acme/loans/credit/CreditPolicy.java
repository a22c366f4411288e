package com.acme.loans.credit;

import com.acme.loans.contract.credit.CheckCredit;
import com.acme.loans.contract.credit.CreditApproved;
import com.acme.loans.contract.credit.CreditRejected;
import java.util.Optional;

/** Who gets credit, and how much: an active borrower with credit left gets up to what is left. */
final class CreditPolicy {

    private CreditPolicy() {
    }

    static CheckCredit.Reply decide(CheckCredit command, Optional<Borrower> found) {
        if (found.isEmpty()) {
            return new CreditRejected(command.loanId(), "no borrower " + command.borrowerId());
        }
        Borrower borrower = found.get();
        if (!"ACTIVE".equals(borrower.status())) {
            return new CreditRejected(command.loanId(), "borrower " + borrower.id() + " is "
                    + borrower.status().toLowerCase(java.util.Locale.ROOT));
        }
        if (borrower.availableCents() == 0) {
            return new CreditRejected(command.loanId(), "borrower " + borrower.id() + " has no credit left (limit "
                    + Cents.format(borrower.creditLimitCents()) + ", outstanding "
                    + Cents.format(borrower.outstandingCents()) + ")");
        }
        return new CreditApproved(command.loanId(), borrower.availableCents());
    }
}
