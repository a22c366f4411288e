package com.acme.loans.orchestrator;

import static dev.saga.orchestrator.engine.plan.SagaStatus.COMPENSATED;
import static dev.saga.orchestrator.engine.plan.SagaStatus.COMPENSATING;
import static dev.saga.orchestrator.engine.plan.SagaStatus.COMPLETED;
import static dev.saga.orchestrator.engine.plan.SagaStatus.STUCK;
import static org.assertj.core.api.Assertions.assertThat;

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
import dev.saga.test.SagaTestKit;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every path of the loan-disbursement saga, through the orchestrator's own engine on a virtual clock. */
class LoanDisbursementSagaTest {

    private final UUID loanId = UUID.randomUUID();
    private final UUID reservationId = UUID.randomUUID();
    private final UUID disbursementId = UUID.randomUUID();

    @Test
    void paysOutWhatWasAskedForWhenCreditAndFundsSuffice() {
        SagaTestKit.of(LoanDisbursementSaga.DEFINITION)
                .start(new LoanRequested(loanId, "ada", 200000))
                .expectCommand(CheckCredit.class, check -> assertThat(check.amountCents()).isEqualTo(200000))
                .reply(new CreditApproved(loanId, 500000))
                .expectCommand(ReserveFunds.class, reserve -> assertThat(reserve.amountCents()).isEqualTo(200000))
                .reply(new FundsReserved(loanId, reservationId, 200000))
                .expectCommand(VerifyPayoutAccount.class, verify -> assertThat(verify.borrowerId()).isEqualTo("ada"))
                .reply(new PayoutAccountVerified(loanId, "ACC-ADA-01"))
                .expectCommand(DisburseLoan.class,
                        disburse -> assertThat(disburse).isEqualTo(new DisburseLoan(loanId, reservationId, "ACC-ADA-01")))
                .reply(new LoanDisbursed(loanId, disbursementId, 200000))
                .expectNoMoreCommands()
                .expectStatus(COMPLETED)
                .expectData(loan -> assertThat(loan.disbursementId()).isEqualTo(disbursementId));
    }

    @Test
    void lendsNoMoreThanTheCreditLimit() {
        SagaTestKit.of(LoanDisbursementSaga.DEFINITION)
                .start(new LoanRequested(loanId, "bo", 100000))
                .expectCommand(CheckCredit.class)
                .reply(new CreditApproved(loanId, 60000))
                .expectCommand(ReserveFunds.class, reserve -> assertThat(reserve.amountCents()).isEqualTo(60000))
                .expectData(loan -> assertThat(loan.grantedCents()).isEqualTo(60000));
    }

    @Test
    void endsWithNothingToUndoWhenCreditIsRejected() {
        SagaTestKit.of(LoanDisbursementSaga.DEFINITION)
                .start(new LoanRequested(loanId, "cy", 50000))
                .expectCommand(CheckCredit.class)
                .reply(new CreditRejected(loanId, "borrower cy is blocked"))
                .expectNoMoreCommands()
                .expectStatus(COMPENSATED)
                .expectData(loan -> assertThat(loan.rejectionReason()).isEqualTo("borrower cy is blocked"));
    }

    @Test
    void endsWithNothingToUndoWhenThePoolLacksFunds() {
        SagaTestKit.of(LoanDisbursementSaga.DEFINITION)
                .start(new LoanRequested(loanId, "dee", 5000000))
                .expectCommand(CheckCredit.class)
                .reply(new CreditApproved(loanId, 10000000))
                .expectCommand(ReserveFunds.class)
                .reply(new FundsUnavailable(loanId, "the lending pool holds 10000.00, the loan needs 50000.00"))
                .expectNoMoreCommands()
                .expectStatus(COMPENSATED)
                .expectData(loan -> assertThat(loan.rejectionReason()).startsWith("the lending pool holds"));
    }

    @Test
    void releasesTheReservationWhenThePayoutAccountIsRefused() {
        SagaTestKit.of(LoanDisbursementSaga.DEFINITION)
                .start(new LoanRequested(loanId, "eve", 150000))
                .expectCommand(CheckCredit.class)
                .reply(new CreditApproved(loanId, 200000))
                .expectCommand(ReserveFunds.class)
                .reply(new FundsReserved(loanId, reservationId, 150000))
                .expectCommand(VerifyPayoutAccount.class)
                .reply(new PayoutAccountRefused(loanId, "payout account ACC-EVE-01 is frozen"))
                .expectCompensation(ReleaseFunds.class,
                        release -> assertThat(release).isEqualTo(new ReleaseFunds(loanId, reservationId)))
                .reply(new FundsReleased(loanId, 150000))
                .expectNoMoreCommands()
                .expectStatus(COMPENSATED)
                .expectData(loan -> assertThat(loan.rejectionReason()).contains("frozen"));
    }

    @Test
    void releasesByLoanWhenTheReservationIsNeverAnswered() {
        SagaTestKit.of(LoanDisbursementSaga.DEFINITION)
                .start(new LoanRequested(loanId, "ada", 200000))
                .expectCommand(CheckCredit.class)
                .reply(new CreditApproved(loanId, 500000))
                .expectCommand(ReserveFunds.class)
                .passDeadline().expectResend(ReserveFunds.class)
                .neverAnswer()
                // no reply, so no reservation id: the ledger releases whatever it holds for the loan
                .expectCompensation(ReleaseFunds.class,
                        release -> assertThat(release).isEqualTo(new ReleaseFunds(loanId, null)))
                .reply(new FundsReleased(loanId, 0))
                .expectStatus(COMPENSATED)
                .expectData(loan -> assertThat(loan.rejectionReason()).isNotBlank());
    }

    @Test
    void waitsForAnOperatorWhenThePayoutIsNeverConfirmed() {
        SagaTestKit.of(LoanDisbursementSaga.DEFINITION)
                .start(new LoanRequested(loanId, "ada", 200000))
                .expectCommand(CheckCredit.class).reply(new CreditApproved(loanId, 500000))
                .expectCommand(ReserveFunds.class).reply(new FundsReserved(loanId, reservationId, 200000))
                .expectCommand(VerifyPayoutAccount.class).reply(new PayoutAccountVerified(loanId, "ACC-ADA-01"))
                .expectCommand(DisburseLoan.class)
                .neverAnswer()
                // the money may have left: no compensation after the pivot, an operator looks
                .expectNoMoreCommands()
                .expectStatus(STUCK);
    }

    @Test
    void ignoresARedeliveredReply() {
        SagaTestKit.of(LoanDisbursementSaga.DEFINITION)
                .start(new LoanRequested(loanId, "ada", 200000))
                .expectCommand(CheckCredit.class)
                .reply(new CreditApproved(loanId, 500000))
                .expectCommand(ReserveFunds.class)
                .replyAgain().expectReplyIgnored()
                .expectNoMoreCommands()
                .expectState("reserve-funds");
    }

    @Test
    void ignoresALateReservationAfterGivingItUp() {
        SagaTestKit.of(LoanDisbursementSaga.DEFINITION)
                .start(new LoanRequested(loanId, "ada", 200000))
                .expectCommand(CheckCredit.class).reply(new CreditApproved(loanId, 500000))
                .expectCommand(ReserveFunds.class)
                .neverAnswer()
                .expectCompensation(ReleaseFunds.class)
                .replyTo(ReserveFunds.class, new FundsReserved(loanId, reservationId, 200000))
                .expectReplyIgnored()
                .expectStatus(COMPENSATING);
    }
}
