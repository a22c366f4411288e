package dev.saga.test.journey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saga.definition.SagaDefinition;
import dev.saga.orchestrator.engine.TimelineLog;
import dev.saga.orchestrator.engine.plan.SagaStatus;
import dev.saga.test.SagaTestKit;
import dev.saga.test.journey.Journey.BookFlight;
import dev.saga.test.journey.Journey.BookHotel;
import dev.saga.test.journey.Journey.CancelFlight;
import dev.saga.test.journey.Journey.CancelJourney;
import dev.saga.test.journey.Journey.ChargeFare;
import dev.saga.test.journey.Journey.FareCharged;
import dev.saga.test.journey.Journey.FareDeclined;
import dev.saga.test.journey.Journey.FlightBooked;
import dev.saga.test.journey.Journey.FlightCancelled;
import dev.saga.test.journey.Journey.HotelBooked;
import dev.saga.test.journey.Journey.JourneyCancelled;
import dev.saga.test.journey.Journey.JourneyPlanned;
import dev.saga.test.journey.Journey.Plan;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A delayed step sends its command only once its delay is over; a saga that has not finished within its deadline
 * is compensated before the pivot and stuck after it.
 */
class DelaysAndSagaDeadlineTest {

    /** Flight, then the fare charged ten seconds later, then the hotel as the pivot; all within fifteen seconds. */
    static final SagaDefinition<Plan> TIMED = SagaDefinition.builder("timed-journey", 1, Plan.class)
            .startedBy(JourneyPlanned.class, JourneyPlanned::journeyId, Plan::from)
            .deadlines(Duration.ofSeconds(10), 2)
            .finishWithin(Duration.ofSeconds(15))

            .step("plan-journey").participant("travel")
                .compensateWith(CancelJourney.class, plan -> new CancelJourney(plan.journeyId()),
                        JourneyCancelled.class)

            .step("book-flight").participant("airline")
                .invoke(BookFlight.class, plan -> new BookFlight(plan.journeyId()))
                .onSuccess(FlightBooked.class)
                .compensateWith(CancelFlight.class, FlightBooked.class,
                        (plan, booked) -> new CancelFlight(plan.journeyId(),
                                booked.map(FlightBooked::flightRef).orElse(null)), FlightCancelled.class)

            .step("charge-fare").participant("bank")
                .delayedBy(Duration.ofSeconds(10))
                .invoke(ChargeFare.class, plan -> new ChargeFare(plan.journeyId()))
                .onSuccess(FareCharged.class)
                .onFailure(FareDeclined.class)

            .step("book-hotel").participant("hotel").pivot()
                .invoke(BookHotel.class, plan -> new BookHotel(plan.journeyId(), plan.nights()))
                .onSuccess(HotelBooked.class)

            .build();

    private final UUID journeyId = UUID.randomUUID();
    private final SagaTestKit<Plan> saga = SagaTestKit.of(TIMED).start(new JourneyPlanned(journeyId, true, 1));

    @Test
    void aDelayedStepSendsItsCommandOnlyWhenItsDelayIsOver() {
        saga.expectCommand(BookFlight.class).reply(new FlightBooked(journeyId, "AB1234"))
                .expectNoMoreCommands()
                .expectState("charge-fare");
        assertThat(saga.saga().attempt()).as("attempt while delayed").isZero();
        assertThat(saga.saga().deadlineAt()).as("when the delay is over").isEqualTo(saga.now().plusSeconds(10));
        assertThat(saga.timeline()).filteredOn(line -> line.kind() == TimelineLog.Kind.STEP_DELAYED)
                .extracting(TimelineLog.Entry::step).containsExactly("charge-fare");

        saga.advance(Duration.ofSeconds(9)).expectNoMoreCommands()
                .advance(Duration.ofSeconds(1))
                .expectCommand(ChargeFare.class).reply(new FareCharged(journeyId))
                .expectCommand(BookHotel.class).reply(new HotelBooked(journeyId))
                .expectStatus(SagaStatus.COMPLETED);
        assertThat(saga.saga().finishBy()).as("the saga deadline once it completed").isNull();
    }

    @Test
    void theDelayedCommandHasTheStepsReplyDeadlineFromWhenItWasSent() {
        saga.expectCommand(BookFlight.class).reply(new FlightBooked(journeyId, "AB1234"))
                .advance(Duration.ofSeconds(10))
                .expectCommand(ChargeFare.class);

        assertThat(saga.saga().attempt()).isEqualTo(1);
        assertThat(saga.saga().deadlineAt()).isEqualTo(saga.now().plusSeconds(10));
    }

    @Test
    void aSagaPastItsDeadlineBeforeThePivotIsCompensatedItsCurrentStepFirst() {
        saga.expectCommand(BookFlight.class)
                .advance(Duration.ofSeconds(10)).expectResend(BookFlight.class)
                .advance(Duration.ofSeconds(5))
                .expectCompensations(CancelFlight.class, CancelJourney.class)
                .expectStatus(SagaStatus.COMPENSATED)
                .expectFailureReason(reason -> assertThat(reason)
                        .contains("saga deadline of PT15S expired at book-flight"));

        assertThat(saga.timeline()).filteredOn(line -> line.kind() == TimelineLog.Kind.SAGA_DEADLINE_EXPIRED)
                .extracting(TimelineLog.Entry::step).containsExactly("book-flight");
    }

    @Test
    void aSagaPastItsDeadlineAfterThePivotIsStuckWithTheReason() {
        saga.expectCommand(BookFlight.class).reply(new FlightBooked(journeyId, "AB1234"))
                .advance(Duration.ofSeconds(10))
                .expectCommand(ChargeFare.class).reply(new FareCharged(journeyId))
                .expectCommand(BookHotel.class)
                .advance(Duration.ofSeconds(5))
                .expectStatus(SagaStatus.STUCK)
                .expectFailureReason(reason -> assertThat(reason).contains("saga deadline of PT15S expired at"
                        + " book-hotel").contains("past the pivot"))
                .expectNoMoreCommands();
    }

    @Test
    void aSagaThatIsCompensatingAlreadyIsNotCompensatedAgainByItsDeadline() {
        saga.expectCommand(BookFlight.class).reply(new FlightBooked(journeyId, "AB1234"))
                .advance(Duration.ofSeconds(10))
                .expectCommand(ChargeFare.class).reply(new FareDeclined(journeyId))
                .expectCompensation(CancelFlight.class)
                .advance(Duration.ofSeconds(5))
                .expectNoMoreCommands()
                .expectStatus(SagaStatus.COMPENSATING)
                .reply(new FlightCancelled(journeyId))
                .expectCompensations(CancelJourney.class)
                .expectStatus(SagaStatus.COMPENSATED);

        assertThat(saga.timeline()).noneMatch(line -> line.kind() == TimelineLog.Kind.SAGA_DEADLINE_EXPIRED);
    }
}
