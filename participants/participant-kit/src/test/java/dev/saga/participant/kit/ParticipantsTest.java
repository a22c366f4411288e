package dev.saga.participant.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.saga.contract.saga.SagaFinished;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which participants can share one context, and with it one inbox. */
class ParticipantsTest {

    @Test
    void letsParticipantsWithTheirOwnCommandsShareAContext() {
        List<Participant> both = List.of(Participant.named("inventory").build(), Participant.named("payment").build());

        assertThat(new Participants(both).all()).extracting(Participant::queue)
                .containsExactly("inventory.commands", "payment.commands");
    }

    @Test
    void refusesTwoParticipantsOfOneName() {
        assertThatIllegalStateException().isThrownBy(() -> new Participants(List.of(
                Participant.named("inventory").build(), Participant.named("inventory").build())))
                .withMessage("Two Participant beans are named inventory");
    }

    @Test
    void refusesTwoParticipantsThatWouldBothReceiveOneEvent() {
        Participant all = Participant.named("notification").subscribesToEvents("saga.#")
                .consumes(SagaFinished.class, event -> { }).build();
        Participant completed = Participant.named("audit").subscribesToEvents("saga.*.completed")
                .consumes(SagaFinished.class, event -> { }).build();

        assertThatIllegalStateException().isThrownBy(() -> new Participants(List.of(all, completed)))
                .withMessageStartingWith("Participants notification and audit both bind saga.events with keys that"
                        + " can match one message (saga.# and saga.*.completed)");
    }
}
