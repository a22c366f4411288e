package dev.saga.test.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.saga.orchestrator.engine.TimelineLog;
import dev.saga.orchestrator.engine.plan.SagaStatus;
import dev.saga.test.SagaTestKit;
import dev.saga.test.journey.Journey.BookFlight;
import dev.saga.test.journey.Journey.BookHotel;
import dev.saga.test.journey.Journey.CancelFlight;
import dev.saga.test.journey.Journey.CancelHotel;
import dev.saga.test.journey.Journey.CancelJourney;
import dev.saga.test.journey.Journey.ChargeFare;
import dev.saga.test.journey.Journey.FareCharged;
import dev.saga.test.journey.Journey.FareDeclined;
import dev.saga.test.journey.Journey.FlightBooked;
import dev.saga.test.journey.Journey.HotelBooked;
import dev.saga.test.journey.Journey.JourneyPlanned;
import dev.saga.test.journey.Journey.Plan;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A step whose condition does not hold is skipped, recorded, and never compensated; one that holds runs. */
class ConditionalStepsTest {

    private final UUID journeyId = UUID.randomUUID();

    private SagaTestKit<Plan> journey(boolean byAir, int nights) {
        return SagaTestKit.of(Journey.DEFINITION).start(new JourneyPlanned(journeyId, byAir, nights));
    }

    @Test
    void aStepWhoseConditionHoldsRunsAndIsCompensated() {
        journey(true, 2)
                .expectCommand(BookFlight.class).reply(new FlightBooked(journeyId, "AB1234"))
                .expectCommand(BookHotel.class, book -> assertThat(book.nights()).isEqualTo(2))
                .reply(new HotelBooked(journeyId))
                .expectCommand(ChargeFare.class).reply(new FareDeclined(journeyId))
                .expectCompensations(CancelHotel.class, CancelFlight.class, CancelJourney.class)
                .expectStatus(SagaStatus.COMPENSATED);
    }

    @Test
    void aSkippedStepSendsNothingIsRecordedWithItsConditionAndIsNotCompensated() {
        SagaTestKit<Plan> saga = journey(true, 0)
                .expectCommand(BookFlight.class).reply(new FlightBooked(journeyId, "AB1234"))
                .expectSkipped("book-hotel")
                .expectCommand(ChargeFare.class).reply(new FareDeclined(journeyId))
                .expectCompensations(CancelFlight.class, CancelJourney.class)
                .expectNoMoreCommands()
                .expectStatus(SagaStatus.COMPENSATED);

        assertThat(saga.timeline()).filteredOn(line -> line.kind() == TimelineLog.Kind.STEP_SKIPPED)
                .extracting(TimelineLog.Entry::step, TimelineLog.Entry::detail)
                .containsExactly(
                        tuple("book-hotel", "condition 'nights away' does not hold"),
                        tuple("compensate-book-hotel",
                                "not compensated: book-hotel was skipped (condition 'nights away')"));
        assertThat(saga.compensationsSent()).doesNotContain(CancelHotel.class);
    }

    @Test
    void theFirstStepsCanBeSkippedAtTheStart() {
        journey(false, 0)
                .expectSkipped("book-flight").expectSkipped("book-hotel")
                .expectCommand(ChargeFare.class).reply(new FareCharged(journeyId))
                .expectNoMoreCommands()
                .expectStatus(SagaStatus.COMPLETED);
    }

    @Test
    void aSkippedStepIsNotCompensatedAfterALaterTimeout() {
        journey(false, 3)
                .expectSkipped("book-flight")
                .expectCommand(BookHotel.class).neverAnswer()
                .expectCompensations(CancelHotel.class, CancelJourney.class)
                .expectNoMoreCommands()
                .expectStatus(SagaStatus.COMPENSATED);
    }

    @Test
    void theTimeoutCheckRunsEachConditionalCompensationWithAStartThatReachesIt() {
        SagaTestKit<Plan> kit = SagaTestKit.of(Journey.DEFINITION);

        assertThatCode(() -> kit.expectEveryCompensationToSurviveATimeout(
                new JourneyPlanned(journeyId, true, 0), new JourneyPlanned(journeyId, false, 2)))
                .doesNotThrowAnyException();
    }

    @Test
    void theTimeoutCheckFailsNamingAStepThatEveryStartSkips() {
        assertThatThrownBy(() -> SagaTestKit.of(Journey.DEFINITION).expectEveryCompensationToSurviveATimeout(
                new JourneyPlanned(journeyId, true, 0))).isInstanceOf(AssertionError.class)
                .hasMessageContaining("book-hotel is skipped by its condition 'nights away' for every start event");
    }
}
