package com.acme.loans.credit;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.loans.contract.credit.CheckCredit;
import com.acme.loans.contract.credit.CreditApproved;
import com.acme.loans.contract.credit.CreditRejected;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CreditPolicyTest {

    private final UUID loanId = UUID.randomUUID();

    @Test
    void approvesUpToWhatTheBorrowerMayStillBorrow() {
        assertThat(CreditPolicy.decide(ask("bo", 100000), Optional.of(new Borrower("bo", 100000, 40000, "ACTIVE"))))
                .isEqualTo(new CreditApproved(loanId, 60000));
    }

    @Test
    void rejectsABlockedBorrower() {
        assertThat(CreditPolicy.decide(ask("cy", 1000), Optional.of(new Borrower("cy", 300000, 0, "BLOCKED"))))
                .isEqualTo(new CreditRejected(loanId, "borrower cy is blocked"));
    }

    @Test
    void rejectsABorrowerWithNoCreditLeft() {
        assertThat(CreditPolicy.decide(ask("al", 1000), Optional.of(new Borrower("al", 50000, 70000, "ACTIVE"))))
                .isEqualTo(new CreditRejected(loanId, "borrower al has no credit left (limit 500.00, outstanding 700.00)"));
    }

    @Test
    void rejectsAnUnknownBorrower() {
        assertThat(CreditPolicy.decide(ask("zed", 1000), Optional.empty()))
                .isEqualTo(new CreditRejected(loanId, "no borrower zed"));
    }

    private CheckCredit ask(String borrower, long cents) {
        return new CheckCredit(loanId, borrower, cents);
    }
}
