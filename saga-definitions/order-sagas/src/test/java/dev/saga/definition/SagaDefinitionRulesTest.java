package dev.saga.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.saga.contract.Command;
import dev.saga.contract.order.OrderCreated;
import dev.saga.contract.saga.SagaFinished;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SagaDefinitionRulesTest {

    record Data(String id) {
    }

    record Go(String id) {
    }

    record Done(String id) {
    }

    record Nope(String id) {
    }

    /** A command that declares its replies, as the contracts' commands do. */
    record Hold(String id) implements Command<Hold.Reply> {
        sealed interface Reply permits Held, Lacking {
        }
    }

    record Held(String id) implements Hold.Reply {
    }

    record Lacking(String id) implements Hold.Reply {
    }

    record Unhold(String id) implements Command<Unheld> {
    }

    record Unheld(String id) {
    }

    record Open(String id) implements Command<Object> {
    }

    private SagaDefinitionBuilder<Data> saga() {
        return SagaDefinition.builder("rules", 1, Data.class)
                .startedBy(OrderCreated.class, OrderCreated::orderId, event -> new Data(event.customerId()));
    }

    @Test
    void refusesAStepDefinedTwice() {
        assertThatThrownBy(() -> saga()
                .step("a").participant("p").invoke(Go.class, d -> new Go(d.id())).onSuccess(Done.class)
                .step("a").participant("p").invoke(Go.class, d -> new Go(d.id())).onSuccess(Done.class)
                .build()).hasMessageContaining("step a is defined twice");
    }

    @Test
    void refusesAFailureReplyAfterThePivot() {
        assertThatThrownBy(() -> saga()
                .step("a").participant("p").invoke(Go.class, d -> new Go(d.id())).onSuccess(Done.class).pivot()
                .step("b").participant("p").invoke(Go.class, d -> new Go(d.id()))
                    .onSuccess(Done.class).onFailure(Nope.class)
                .build()).hasMessageContaining("cannot fail by reply");
    }

    @Test
    void refusesAConditionOnThePivotNamingTheStep() {
        assertThatThrownBy(() -> saga()
                .step("a").participant("p").invoke(Go.class, d -> new Go(d.id())).onSuccess(Done.class).pivot()
                    .when("always", d -> true)
                .build()).hasMessageContaining("step a is the pivot and cannot be conditional");
    }

    @Test
    void refusesAConditionOnAStepWithoutACommandNamingTheStep() {
        assertThatThrownBy(() -> saga()
                .step("created").participant("p").compensateWith(Go.class, d -> new Go(d.id()), Done.class)
                    .when("always", d -> true)
                .step("a").participant("p").invoke(Go.class, d -> new Go(d.id())).onSuccess(Done.class)
                .build()).hasMessageContaining("step created has no command");
    }

    @Test
    void refusesADelayOnAStepWithoutACommandNamingTheStep() {
        assertThatThrownBy(() -> saga()
                .step("created").participant("p").compensateWith(Go.class, d -> new Go(d.id()), Done.class)
                    .delayedBy(Duration.ofSeconds(1))
                .step("a").participant("p").invoke(Go.class, d -> new Go(d.id())).onSuccess(Done.class)
                .build()).hasMessageContaining("step created has no command, so there is nothing to delay");
    }

    @Test
    void takesAZeroDelayAsNoDelay() {
        SagaDefinition<?> definition = saga()
                .step("a").participant("p").invoke(Go.class, d -> new Go(d.id())).onSuccess(Done.class)
                    .delayedBy(Duration.ZERO)
                .build();
        assertThat(definition.steps().get(0).isDelayed()).isFalse();
    }

    @Test
    void refusesANegativeDelayAndANonPositiveSagaDeadline() {
        assertThatThrownBy(() -> saga()
                .step("a").participant("p").invoke(Go.class, d -> new Go(d.id())).onSuccess(Done.class)
                    .delayedBy(Duration.ofSeconds(-1))
                .build()).hasMessageContaining("step a delay must be positive");
        assertThatThrownBy(() -> saga().finishWithin(Duration.ZERO)
                .step("a").participant("p").invoke(Go.class, d -> new Go(d.id())).onSuccess(Done.class)
                .build()).hasMessageContaining("finishWithin(...) must be positive");
    }

    @Test
    void refusesThePivotInsideAParallelGroupNamingTheStep() {
        assertThatThrownBy(() -> saga()
                .parallel("both", branches -> branches
                    .step("a").participant("p").invoke(Go.class, d -> new Go(d.id())).onSuccess(Done.class)
                    .step("b").participant("q").invoke(Go.class, d -> new Go(d.id())).onSuccess(Done.class).pivot())
                .build()).hasMessageContaining("step b is the pivot and cannot be a branch of parallel group both");
    }

    @Test
    void refusesAnEmptyParallelGroupNamingIt() {
        assertThatThrownBy(() -> saga()
                .step("a").participant("p").invoke(Go.class, d -> new Go(d.id())).onSuccess(Done.class)
                .parallel("nothing", branches -> { })
                .build()).hasMessageContaining("parallel group nothing has no steps");
    }

    @Test
    void refusesAParallelGroupAfterThePivot() {
        assertThatThrownBy(() -> saga()
                .step("a").participant("p").invoke(Go.class, d -> new Go(d.id())).onSuccess(Done.class).pivot()
                .parallel("late", branches -> branches
                    .step("b").participant("q").invoke(Go.class, d -> new Go(d.id())).onSuccess(Done.class))
                .build()).hasMessageContaining("step b is a branch of parallel group late after the pivot");
    }

    @Test
    void aParallelGroupIsOnePositionForwardAndItsBranchesAreItsSteps() {
        SagaDefinition<Data> definition = saga()
                .parallel("both", branches -> branches
                    .step("a").participant("p").invoke(Go.class, d -> new Go(d.id())).onSuccess(Done.class)
                    .step("b").participant("q").invoke(Go.class, d -> new Go(d.id())).onSuccess(Done.class))
                .step("c").participant("p").invoke(Go.class, d -> new Go(d.id())).onSuccess(Done.class)
                .build();

        assertThat(definition.forwardPositions()).containsExactly("both", "c");
        assertThat(definition.branchesOf("both")).extracting(SagaStep::name).containsExactly("a", "b");
        assertThat(definition.isGroup("both")).isTrue();
        assertThat(definition.isGroup("a")).isFalse();
    }

    @Test
    void refusesAWaitWithoutADeadlineNamingTheStep() {
        assertThatThrownBy(() -> saga()
                .step("a").participant("p").invoke(Go.class, d -> new Go(d.id())).onSuccess(Done.class)
                .step("review").participant("operator").succeedsOnSignal("approve", Done.class, (d, done) -> d)
                .build()).hasMessageContaining("step review waits for a decision without a deadline");
    }

    @Test
    void refusesAWaitForTheSameEventTwice() {
        assertThatThrownBy(() -> saga()
                .step("a").participant("p").invoke(Go.class, d -> new Go(d.id())).onSuccess(Done.class)
                .step("review").participant("p").succeedsOnEvent(Done.class, Done::id, (d, done) -> d)
                    .failsOnEvent(Done.class, Done::id, (d, done) -> d)
                    .waitsAtMost(Duration.ofMinutes(5), false)
                .build()).hasMessageContaining("step review waits for event Done twice");
    }

    @Test
    void refusesAWaitThatCanFailAfterThePivot() {
        assertThatThrownBy(() -> saga()
                .step("a").participant("p").invoke(Go.class, d -> new Go(d.id())).onSuccess(Done.class).pivot()
                .step("review").participant("operator").succeedsOnSignal("approve", Done.class, (d, done) -> d)
                    .waitsAtMost(Duration.ofMinutes(5), false)
                .build()).hasMessageContaining("step review is at or after the pivot");
    }

    @Test
    void refusesAConditionWithoutAName() {
        assertThatThrownBy(() -> saga()
                .step("a").participant("p").invoke(Go.class, d -> new Go(d.id())).onSuccess(Done.class)
                    .when(" ", d -> true))
                .hasMessageContaining("condition needs a name");
    }

    @Test
    void refusesACompensationAtThePivot() {
        assertThatThrownBy(() -> saga()
                .step("a").participant("p").invoke(Go.class, d -> new Go(d.id())).onSuccess(Done.class)
                    .compensateWith(Go.class, Done.class, (d, done) -> new Go(d.id()), Done.class).pivot()
                .build()).hasMessageContaining("cannot be compensated");
    }

    @Test
    void refusesACompensationOfAStepWithACommandThatCannotTellWhetherItsReplyCame() {
        assertThatThrownBy(() -> saga()
                .step("a").participant("p").invoke(Go.class, d -> new Go(d.id())).onSuccess(Done.class)
                    .compensateWith(Go.class, d -> new Go(d.id()), Done.class)
                .build()).hasMessageContaining("step a sends a command, so its compensation may run without the"
                        + " step's reply");
    }

    @Test
    void refusesACompensationReadingAReplyTheStepDoesNotSucceedWith() {
        assertThatThrownBy(() -> saga()
                .step("a").participant("p").invoke(Go.class, d -> new Go(d.id())).onSuccess(Done.class)
                    .onFailure(Nope.class)
                    .compensateWith(Go.class, Nope.class, (d, nope) -> new Go(d.id()), Done.class)
                .build()).hasMessageContaining("compensation reads Nope, which is not one of the step's success");
    }

    @Test
    void refusesAReplyForACompensationOnlyStep() {
        assertThatThrownBy(() -> saga()
                .step("made-before").participant("p")
                    .compensateWith(Go.class, Done.class, (d, done) -> new Go(d.id()), Done.class)
                .step("a").participant("p").invoke(Go.class, d -> new Go(d.id())).onSuccess(Done.class)
                .build()).hasMessageContaining("step made-before has no command, so its compensation has no reply");
    }

    @Test
    void refusesAStepWithoutSuccessReply() {
        assertThatThrownBy(() -> saga()
                .step("a").participant("p").invoke(Go.class, d -> new Go(d.id()))
                .build()).hasMessageContaining("needs onSuccess");
    }

    @Test
    void refusesASagaWithoutStart() {
        assertThatThrownBy(() -> SagaDefinition.builder("rules", 1, Data.class)
                .step("a").participant("p").invoke(Go.class, d -> new Go(d.id())).onSuccess(Done.class)
                .build()).hasMessageContaining("startedBy");
    }

    @Test
    void callsTheKeyBusinessKeyUnlessTheDefinitionNamesIt() {
        assertThat(saga().step("a").participant("p").invoke(Go.class, d -> new Go(d.id())).onSuccess(Done.class)
                .build().businessKeyName()).isEqualTo("business key");
        assertThat(saga().businessKeyName("order id")
                .step("a").participant("p").invoke(Go.class, d -> new Go(d.id())).onSuccess(Done.class)
                .build().businessKeyName()).isEqualTo("order id");
    }

    @Test
    void refusesABlankBusinessKeyName() {
        assertThatThrownBy(() -> saga().businessKeyName(" ")
                .step("a").participant("p").invoke(Go.class, d -> new Go(d.id())).onSuccess(Done.class)
                .build()).hasMessageContaining("business key name must not be blank");
    }

    @Test
    void refusesASagaStartedByANotification() {
        assertThatThrownBy(() -> SagaDefinition.builder("rules", 1, Data.class)
                .startedBy(SagaFinished.class, SagaFinished::sagaId, event -> new Data(event.businessKey()))
                .step("a").participant("p").invoke(Go.class, d -> new Go(d.id())).onSuccess(Done.class)
                .build()).hasMessageContaining("is started by saga.SagaFinished, a @Notification");
    }

    @Test
    void acceptsAStepThatExpectsExactlyTheRepliesItsCommandDeclares() {
        SagaDefinition<Data> definition = saga()
                .step("a").participant("p").invoke(Hold.class, d -> new Hold(d.id()))
                    .onSuccess(Held.class).onFailure(Lacking.class)
                    .compensateWith(Unhold.class, Held.class, (d, held) -> new Unhold(d.id()), Unheld.class)
                .build();

        assertThat(definition.steps()).hasSize(1);
    }

    @Test
    void refusesAStepThatExpectsAReplyItsCommandDoesNotDeclare() {
        assertThatThrownBy(() -> saga()
                .step("a").participant("p").invoke(Hold.class, d -> new Hold(d.id()))
                    .onSuccess(Held.class).onFailure(Lacking.class).onFailure(Nope.class)
                .build()).hasMessage("Saga rules: step a expects Nope, which Hold does not declare"
                        + " (its replies: Held, Lacking)");
    }

    @Test
    void refusesAStepThatDoesNotExpectAReplyItsCommandDeclares() {
        assertThatThrownBy(() -> saga()
                .step("a").participant("p").invoke(Hold.class, d -> new Hold(d.id())).onSuccess(Held.class)
                .build()).hasMessage("Saga rules: step a does not expect Lacking, which Hold declares"
                        + " (its replies: Held, Lacking); add onSuccess or onFailure");
    }

    @Test
    void refusesACompensationConfirmedByAReplyItsCommandDoesNotDeclare() {
        assertThatThrownBy(() -> saga()
                .step("a").participant("p").invoke(Go.class, d -> new Go(d.id())).onSuccess(Done.class)
                    .compensateWith(Unhold.class, Done.class, (d, done) -> new Unhold(d.id()), Done.class)
                .build()).hasMessageStartingWith("Saga rules: step a compensation expects Done, which Unhold does"
                        + " not declare");
    }

    @Test
    void refusesACommandWhoseRepliesAreLeftOpen() {
        assertThatThrownBy(() -> saga()
                .step("a").participant("p").invoke(Open.class, d -> new Open(d.id())).onSuccess(Done.class)
                .build()).hasMessageContaining("Open declares its replies as java.lang.Object, which leaves them open");
    }
}
