package dev.saga.test.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.saga.definition.SagaDefinition;
import dev.saga.orchestrator.engine.TimelineLog;
import dev.saga.orchestrator.engine.plan.SagaStatus;
import dev.saga.test.SagaTestKit;
import dev.saga.test.journey.Journey.Approval;
import dev.saga.test.journey.Journey.BookFlight;
import dev.saga.test.journey.Journey.CancelFlight;
import dev.saga.test.journey.Journey.CancelJourney;
import dev.saga.test.journey.Journey.ChargeFare;
import dev.saga.test.journey.Journey.FlightBooked;
import dev.saga.test.journey.Journey.FlightCancelled;
import dev.saga.test.journey.Journey.FareCharged;
import dev.saga.test.journey.Journey.FareDeclined;
import dev.saga.test.journey.Journey.JourneyCancelled;
import dev.saga.test.journey.Journey.JourneyPlanned;
import dev.saga.test.journey.Journey.Plan;
import dev.saga.test.journey.Journey.Rejection;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A step that waits for an operator's decision sends nothing, is decided by a signal (success or failure), and
 * takes its declared outcome when its wait expires undecided.
 */
class WaitingStepTest {

    private final UUID journeyId = UUID.randomUUID();

    /** A long journey waits for an operator's approval before the fare is charged; undecided, it fails or goes on. */
    static SagaDefinition<Plan> reviewed(boolean expirySucceeds) {
        return reviewed(expirySucceeds, Duration.ofDays(1));
    }

    static SagaDefinition<Plan> reviewed(boolean expirySucceeds, Duration finishWithin) {
        return SagaDefinition.builder("reviewed-journey", 1, Plan.class)
                .startedBy(JourneyPlanned.class, JourneyPlanned::journeyId, Plan::from)
                .deadlines(Duration.ofSeconds(10), 2)
                .finishWithin(finishWithin)

                .step("plan-journey").participant("travel")
                    .compensateWith(CancelJourney.class, plan -> new CancelJourney(plan.journeyId()),
                            JourneyCancelled.class)

                .step("book-flight").participant("airline")
                    .invoke(BookFlight.class, plan -> new BookFlight(plan.journeyId()))
                    .onSuccess(FlightBooked.class)
                    .compensateWith(CancelFlight.class, FlightBooked.class,
                            (plan, booked) -> new CancelFlight(plan.journeyId(),
                                    booked.map(FlightBooked::flightRef).orElse(null)), FlightCancelled.class)

                .step("approve-journey").participant("operator")
                    .when("a long journey", plan -> plan.nights() > 5)
                    .succeedsOnSignal("approve", Approval.class, (plan, approval) -> plan)
                    .failsOnSignal("reject", Rejection.class, (plan, rejection) -> plan)
                    .waitsAtMost(Duration.ofHours(1), expirySucceeds)

                .step("charge-fare").participant("bank")
                    .invoke(ChargeFare.class, plan -> new ChargeFare(plan.journeyId()))
                    .onSuccess(FareCharged.class)
                    .onFailure(FareDeclined.class)

                .build();
    }

    private SagaTestKit<Plan> waiting(boolean expirySucceeds) {
        return SagaTestKit.of(reviewed(expirySucceeds)).start(new JourneyPlanned(journeyId, true, 9))
                .expectCommand(BookFlight.class).reply(new FlightBooked(journeyId, "AB1234"))
                .expectNoMoreCommands()
                .expectState("approve-journey");
    }

    @Test
    void aWaitingStepSendsNothingAndSaysWhatItWaitsForUntilWhen() {
        SagaTestKit<Plan> saga = waiting(false);

        assertThat(saga.saga().deadlineAt()).isEqualTo(saga.now().plus(Duration.ofHours(1)));
        assertThat(saga.timeline()).filteredOn(line -> line.kind() == TimelineLog.Kind.STEP_WAITING)
                .extracting(TimelineLog.Entry::detail).singleElement().asString()
                .startsWith("waits for signal approve or signal reject until");
    }

    @Test
    void anApprovingSignalDecidesTheStepSucceeded() {
        SagaTestKit<Plan> saga = waiting(false).signal("approve", new Approval("carol"))
                .expectCommand(ChargeFare.class).reply(new FareCharged(journeyId))
                .expectStatus(SagaStatus.COMPLETED);

        assertThat(saga.timeline()).filteredOn(line -> line.kind() == TimelineLog.Kind.SIGNAL_RECEIVED)
                .extracting(TimelineLog.Entry::detail).containsExactly("signal approve by operator: SUCCEEDED");
    }

    @Test
    void aRejectingSignalDecidesTheStepFailedAndCompensatesWhatRan() {
        waiting(false).signal("reject", new Rejection("stolen card"))
                .expectCompensations(CancelFlight.class, CancelJourney.class)
                .expectStatus(SagaStatus.COMPENSATED)
                .expectFailureReason(reason -> assertThat(reason)
                        .isEqualTo("approve-journey failed: signal reject by operator"));
    }

    @Test
    void anExpiredWaitFailsTheStepWhenItsDefinitionSaysSo() {
        waiting(false).advance(Duration.ofHours(1))
                .expectCompensations(CancelFlight.class, CancelJourney.class)
                .expectStatus(SagaStatus.COMPENSATED)
                .expectFailureReason(reason -> assertThat(reason).contains("expired undecided"));
    }

    @Test
    void anExpiredWaitTakesTheDeclaredSuccess() {
        waiting(true).advance(Duration.ofHours(1))
                .expectCommand(ChargeFare.class)
                .expectStatus(SagaStatus.RUNNING);
    }

    @Test
    void theSagaDeadlineWhileItWaitsCompensatesWhatRan() {
        SagaTestKit.of(reviewed(false, Duration.ofMinutes(30))).start(new JourneyPlanned(journeyId, true, 9))
                .expectCommand(BookFlight.class).reply(new FlightBooked(journeyId, "AB1234"))
                .advance(Duration.ofMinutes(30))
                .expectCompensations(CancelFlight.class, CancelJourney.class)
                .expectStatus(SagaStatus.COMPENSATED)
                .expectFailureReason(reason -> assertThat(reason).contains("saga deadline of PT30M expired at"
                        + " approve-journey"));
    }

    @Test
    void aSignalTheCurrentStepDoesNotWaitForIsRefusedWithTheReason() {
        SagaTestKit<Plan> saga = SagaTestKit.of(reviewed(false)).start(new JourneyPlanned(journeyId, true, 9));

        assertThatThrownBy(() -> saga.signal("approve", new Approval("carol")))
                .hasMessageContaining("saga is at book-flight, which does not wait for a signal");
    }

    @Test
    void theTimeoutCheckPassesTheWaitBySignal() {
        assertThatCode(() -> SagaTestKit.of(reviewed(false)).expectEveryCompensationToSurviveATimeout(
                new JourneyPlanned(journeyId, true, 9))).doesNotThrowAnyException();
    }

    @Test
    void aShortJourneySkipsTheWait() {
        SagaTestKit.of(reviewed(false)).start(new JourneyPlanned(journeyId, true, 2))
                .expectCommand(BookFlight.class).reply(new FlightBooked(journeyId, "AB1234"))
                .expectSkipped("approve-journey")
                .expectCommand(ChargeFare.class);
    }
}
