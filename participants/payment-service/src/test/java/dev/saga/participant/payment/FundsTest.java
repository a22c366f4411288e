package dev.saga.participant.payment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FundsTest {

    @Test
    void availableIsBalancePlusCreditLessHolds() {
        assertThat(new Funds("carol", 500, 100, 150).availableCents()).isEqualTo(450);
    }

    @Test
    void anAmountUpToWhatIsAvailableIsCovered() {
        assertThat(new Funds("bob", 2000, 0, 0).declineReason(2000)).isEmpty();
    }

    @Test
    void anAmountBeyondWhatIsAvailableIsDeclinedWithBothFigures() {
        assertThat(new Funds("bob", 2000, 0, 0).declineReason(2500)).contains("bob: 2500 requested, 2000 available");
    }

    @Test
    void theCreditLineCanBeSpentButNotBeyond() {
        Funds carol = new Funds("carol", 1000, 500, 200);

        assertThat(carol.declineReason(1300)).isEmpty();
        assertThat(carol.declineReason(1301)).contains("carol: 1301 requested, 1300 available");
    }

    @Test
    void anAmountThatIsNotPositiveIsDeclined() {
        assertThat(new Funds("alice", 1000, 0, 0).declineReason(0)).contains("alice: amount 0 is not positive");
    }
}
