package com.acme.loans.orchestrator;

import com.acme.loans.contract.credit.CheckCredit;
import com.acme.loans.contract.credit.CreditApproved;
import com.acme.loans.contract.credit.CreditRejected;
import com.acme.loans.contract.ledger.DisburseLoan;
import com.acme.loans.contract.ledger.FundsReleased;
import com.acme.loans.contract.ledger.FundsReserved;
import com.acme.loans.contract.ledger.FundsUnavailable;
import com.acme.loans.contract.ledger.LoanDisbursed;
import com.acme.loans.contract.ledger.PayoutAccountRefused;
import com.acme.loans.contract.ledger.PayoutAccountVerified;
import com.acme.loans.contract.ledger.ReleaseFunds;
import com.acme.loans.contract.ledger.ReserveFunds;
import com.acme.loans.contract.ledger.VerifyPayoutAccount;
import com.acme.loans.contract.loans.LoanRequested;
import dev.saga.definition.SagaDefinition;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * A loan from request to payout. Credit says how much the borrower may borrow; the ledger sets that much aside,
 * checks the payout account, and pays out. Paying out is the pivot: before it, a refusal gives the reserved money
 * back; after it, the loan stands.
 *
 * <pre>
 * # | step                  | participant | command             | success               | failure              | compensation
 * 1 | check-credit          | credit      | CheckCredit         | CreditApproved        | CreditRejected       | -
 * 2 | reserve-funds         | ledger      | ReserveFunds        | FundsReserved         | FundsUnavailable     | ReleaseFunds
 * 3 | verify-payout-account | ledger      | VerifyPayoutAccount | PayoutAccountVerified | PayoutAccountRefused | -
 * 4 | disburse-loan         | ledger      | DisburseLoan        | LoanDisbursed         | -                    | pivot
 * </pre>
 */
public final class LoanDisbursementSaga {

    public static final String TYPE = "loan-disbursement";

    public static final SagaDefinition<LoanData> DEFINITION = SagaDefinition
            .builder(TYPE, 1, LoanData.class)
            .startedBy(LoanRequested.class, LoanRequested::loanId, LoanData::from)
            .businessKeyName("loan id")
            .deadlines(Duration.ofSeconds(10), 3)
            .onTimeout(LoanData::rejectedBecause)

            .step("check-credit").participant("credit")
                .invoke(CheckCredit.class, loan -> new CheckCredit(loan.loanId(), loan.borrowerId(),
                        loan.requestedCents()))
                .onSuccess(CreditApproved.class, (loan, approved) -> loan.grantedUpTo(approved.limitCents()))
                .onFailure(CreditRejected.class, (loan, rejected) -> loan.rejectedBecause(rejected.reason()))

            .step("reserve-funds").participant("ledger")
                .invoke(ReserveFunds.class, loan -> new ReserveFunds(loan.loanId(), loan.grantedCents()))
                .onSuccess(FundsReserved.class, (loan, reserved) -> loan.withReservation(reserved.reservationId()))
                .onFailure(FundsUnavailable.class, (loan, unavailable) -> loan.rejectedBecause(unavailable.reason()))
                .compensateWith(ReleaseFunds.class, FundsReserved.class, LoanDisbursementSaga::releaseFunds,
                        FundsReleased.class)

            .step("verify-payout-account").participant("ledger")
                .invoke(VerifyPayoutAccount.class, loan -> new VerifyPayoutAccount(loan.loanId(), loan.borrowerId()))
                .onSuccess(PayoutAccountVerified.class, (loan, verified) -> loan.paidInto(verified.accountId()))
                .onFailure(PayoutAccountRefused.class, (loan, refused) -> loan.rejectedBecause(refused.reason()))

            .step("disburse-loan").participant("ledger")
                .invoke(DisburseLoan.class, loan -> new DisburseLoan(loan.loanId(), loan.reservationId(),
                        loan.accountId()))
                .onSuccess(LoanDisbursed.class, (loan, disbursed) -> loan.disbursedAs(disbursed.disbursementId()))
                .pivot()

            .build();

    private LoanDisbursementSaga() {
    }

    /**
     * Releases the reservation the ledger confirmed. Without its reply (the step timed out) the ledger may still
     * have reserved: the release then names only the loan, and the ledger releases whatever the loan holds.
     */
    private static ReleaseFunds releaseFunds(LoanData loan, Optional<FundsReserved> reserved) {
        UUID reservationId = reserved.map(FundsReserved::reservationId).orElse(null);
        return new ReleaseFunds(loan.loanId(), reservationId);
    }
}
