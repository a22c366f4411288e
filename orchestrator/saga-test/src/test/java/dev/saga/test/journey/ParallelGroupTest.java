package dev.saga.test.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.saga.definition.SagaDefinition;
import dev.saga.orchestrator.engine.TimelineLog;
import dev.saga.orchestrator.engine.machine.SagaMachineModel;
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
import dev.saga.test.journey.Journey.FlightCancelled;
import dev.saga.test.journey.Journey.FlightFull;
import dev.saga.test.journey.Journey.HotelBooked;
import dev.saga.test.journey.Journey.HotelCancelled;
import dev.saga.test.journey.Journey.HotelFull;
import dev.saga.test.journey.Journey.JourneyCancelled;
import dev.saga.test.journey.Journey.JourneyPlanned;
import dev.saga.test.journey.Journey.Plan;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A parallel group sends its branches' commands together and goes on once all succeeded; when one fails it waits for
 * the others, then compensates those that succeeded or never answered, then the steps before the group.
 */
class ParallelGroupTest {

    /** Flight and hotel booked together (the hotel only for nights away), then the fare charged. */
    static final SagaDefinition<Plan> PARALLEL = SagaDefinition.builder("parallel-journey", 1, Plan.class)
            .startedBy(JourneyPlanned.class, JourneyPlanned::journeyId, Plan::from)
            .deadlines(Duration.ofSeconds(10), 2)

            .step("plan-journey").participant("travel")
                .compensateWith(CancelJourney.class, plan -> new CancelJourney(plan.journeyId()),
                        JourneyCancelled.class)

            .parallel("book-travel", branches -> branches
                .step("book-flight").participant("airline")
                    .invoke(BookFlight.class, plan -> new BookFlight(plan.journeyId()))
                    .onSuccess(FlightBooked.class)
                    .onFailure(FlightFull.class)
                    .compensateWith(CancelFlight.class, FlightBooked.class,
                            (plan, booked) -> new CancelFlight(plan.journeyId(),
                                    booked.map(FlightBooked::flightRef).orElse(null)), FlightCancelled.class)
                .step("book-hotel").participant("hotel")
                    .when("nights away", plan -> plan.nights() > 0)
                    .invoke(BookHotel.class, plan -> new BookHotel(plan.journeyId(), plan.nights()))
                    .onSuccess(HotelBooked.class)
                    .onFailure(HotelFull.class)
                    .compensateWith(CancelHotel.class, HotelBooked.class,
                            (plan, booked) -> new CancelHotel(plan.journeyId()), HotelCancelled.class))

            .step("charge-fare").participant("bank")
                .invoke(ChargeFare.class, plan -> new ChargeFare(plan.journeyId()))
                .onSuccess(FareCharged.class)
                .onFailure(FareDeclined.class)

            .build();

    private final UUID journeyId = UUID.randomUUID();
    private final SagaTestKit<Plan> saga = SagaTestKit.of(PARALLEL).start(new JourneyPlanned(journeyId, true, 2))
            .expectCommand(BookFlight.class)
            .expectCommand(BookHotel.class)
            .expectState("book-travel");

    @Test
    void bothBranchesSucceedThenTheSagaGoesOn() {
        saga.replyTo(BookHotel.class, new HotelBooked(journeyId))
                .expectNoMoreCommands()
                .replyTo(BookFlight.class, new FlightBooked(journeyId, "AB1234"))
                .expectCommand(ChargeFare.class).reply(new FareCharged(journeyId))
                .expectStatus(SagaStatus.COMPLETED);

        assertThat(saga.timeline()).filteredOn(line -> line.kind() == TimelineLog.Kind.REPLY_APPLIED)
                .extracting(TimelineLog.Entry::step).containsExactly("book-hotel", "book-flight", "charge-fare");
    }

    @Test
    void aFailedBranchWaitsForTheOtherThenItIsCompensated() {
        saga.replyTo(BookFlight.class, new FlightFull(journeyId))
                .expectNoMoreCommands()
                .expectStatus(SagaStatus.RUNNING)
                .replyTo(BookHotel.class, new HotelBooked(journeyId))
                .expectCompensations(CancelHotel.class, CancelJourney.class)
                .expectNoMoreCommands()
                .expectStatus(SagaStatus.COMPENSATED)
                .expectFailureReason(reason -> assertThat(reason).startsWith("book-flight failed"));

        assertThat(saga.timeline()).anyMatch(line -> line.kind() == TimelineLog.Kind.STEP_SKIPPED
                && "compensate-book-flight".equals(line.step()) && line.detail().contains("failed by reply"));
    }

    @Test
    void bothBranchesFailAndOnlyTheStepsBeforeTheGroupAreCompensated() {
        saga.replyTo(BookHotel.class, new HotelFull(journeyId))
                .replyTo(BookFlight.class, new FlightFull(journeyId))
                .expectCompensations(CancelJourney.class)
                .expectNoMoreCommands()
                .expectStatus(SagaStatus.COMPENSATED);
    }

    @Test
    void aSilentBranchIsResentThenGivenUpAndCompensatedWithoutItsReply() {
        saga.replyTo(BookFlight.class, new FlightFull(journeyId))
                .passDeadline()
                .expectResend(BookHotel.class)
                .expectStatus(SagaStatus.RUNNING)
                .passDeadline()
                .expectCompensation(CancelHotel.class).reply(new HotelCancelled(journeyId))
                .expectCompensations(CancelJourney.class)
                .expectStatus(SagaStatus.COMPENSATED);

        assertThat(saga.timeline()).filteredOn(line -> line.kind() == TimelineLog.Kind.DEADLINE_FIRED)
                .extracting(TimelineLog.Entry::step).containsExactly("book-hotel", "book-hotel");
    }

    @Test
    void aLateBranchReplyAfterTheCompensationBeganIsIgnoredAndTheBranchStaysCompensated() {
        saga.replyTo(BookFlight.class, new FlightBooked(journeyId, "AB1234"))
                .passDeadline().expectResend(BookHotel.class)
                .passDeadline()
                .expectCompensation(CancelHotel.class)
                .replyTo(BookHotel.class, new HotelBooked(journeyId))
                .expectReplyIgnored("reply is for book-hotel")
                .replyTo(CancelHotel.class, new HotelCancelled(journeyId))
                .expectCompensations(CancelFlight.class, CancelJourney.class)
                .expectStatus(SagaStatus.COMPENSATED);
    }

    @Test
    void aDuplicateBranchReplyIsIgnored() {
        saga.replyTo(BookFlight.class, new FlightBooked(journeyId, "AB1234"))
                .replyAgain()
                .expectReplyIgnored("branch book-flight of book-travel is SUCCEEDED already")
                .replyTo(BookHotel.class, new HotelBooked(journeyId))
                .expectCommand(ChargeFare.class)
                .expectNoMoreCommands();
    }

    @Test
    void aFailureAfterTheGroupCompensatesEveryBranchThenTheStepsBefore() {
        saga.replyTo(BookFlight.class, new FlightBooked(journeyId, "AB1234"))
                .replyTo(BookHotel.class, new HotelBooked(journeyId))
                .expectCommand(ChargeFare.class).reply(new FareDeclined(journeyId))
                .expectCompensations(CancelHotel.class, CancelFlight.class, CancelJourney.class)
                .expectStatus(SagaStatus.COMPENSATED);
    }

    @Test
    void aBranchWhoseConditionFailsIsSkippedAndTheGroupWaitsOnlyForTheOthers() {
        SagaTestKit<Plan> oneNight = SagaTestKit.of(PARALLEL).start(new JourneyPlanned(UUID.randomUUID(), true, 0))
                .expectCommand(BookFlight.class)
                .expectNoMoreCommands()
                .expectSkipped("book-hotel");

        oneNight.reply(new FlightBooked(oneNight.data().journeyId(), "AB1234"))
                .expectCommand(ChargeFare.class);
    }

    @Test
    void aGroupWhoseConditionFailsIsSkippedWholeAndNotCompensated() {
        SagaDefinition<Plan> staysHome = SagaDefinition.builder("maybe-travel", 1, Plan.class)
                .startedBy(JourneyPlanned.class, JourneyPlanned::journeyId, Plan::from)
                .step("plan-journey").participant("travel")
                    .compensateWith(CancelJourney.class, plan -> new CancelJourney(plan.journeyId()),
                            JourneyCancelled.class)
                .parallel("book-travel", "travelling by air", Plan::byAir, branches -> branches
                    .step("book-flight").participant("airline")
                        .invoke(BookFlight.class, plan -> new BookFlight(plan.journeyId()))
                        .onSuccess(FlightBooked.class)
                    .step("book-hotel").participant("hotel")
                        .when("nights away", plan -> plan.nights() > 0)
                        .invoke(BookHotel.class, plan -> new BookHotel(plan.journeyId(), plan.nights()))
                        .onSuccess(HotelBooked.class))
                .step("charge-fare").participant("bank")
                    .invoke(ChargeFare.class, plan -> new ChargeFare(plan.journeyId()))
                    .onSuccess(FareCharged.class)
                    .onFailure(FareDeclined.class)
                .build();

        SagaTestKit<Plan> saga = SagaTestKit.of(staysHome).start(new JourneyPlanned(journeyId, false, 2))
                .expectSkipped("book-flight").expectSkipped("book-hotel")
                .expectCommand(ChargeFare.class).reply(new FareDeclined(journeyId))
                .expectCompensations(CancelJourney.class)
                .expectStatus(SagaStatus.COMPENSATED);

        assertThat(saga.timeline()).filteredOn(line -> "book-hotel".equals(line.step()))
                .extracting(TimelineLog.Entry::detail)
                .containsExactly("condition 'travelling by air and nights away' does not hold");
    }

    @Test
    void theGroupIsOneStateOfTheMachineDrawnAsAForkAndAJoin() {
        SagaMachineModel model = SagaMachineModel.of(PARALLEL);

        assertThat(model.transitions()).filteredOn(t -> t.source().equals("book-travel"))
                .extracting(t -> t.event() + " -> " + t.target())
                .containsExactly("SUCCEEDED -> charge-fare", "FAILED -> compensate-book-hotel",
                        "TIMED_OUT -> compensate-book-hotel");
        assertThat(model.states()).doesNotContain("book-flight", "book-hotel");
        assertThat(model.mermaid()).contains("state book_travel_fork <<fork>>", "book_travel_fork --> book_flight",
                "book_hotel --> book_travel_join");
    }

    @Test
    void everyCompensationSurvivesATimeoutOfItsBranch() {
        assertThatCode(() -> SagaTestKit.of(PARALLEL).expectEveryCompensationToSurviveATimeout(
                new JourneyPlanned(journeyId, true, 2))).doesNotThrowAnyException();
    }
}
