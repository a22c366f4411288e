package dev.saga.test.journey;

import dev.saga.contract.Nullable;
import dev.saga.definition.SagaDefinition;
import java.time.Duration;
import java.util.UUID;

/**
 * A saga with conditional steps, for the kit's own tests: a flight only for a journey by air, a hotel only for one
 * with nights away, then the fare is charged (and may be declined, which undoes what ran).
 */
public final class Journey {

    public static final SagaDefinition<Plan> DEFINITION = SagaDefinition.builder("journey", 1, Plan.class)
            .startedBy(JourneyPlanned.class, JourneyPlanned::journeyId, Plan::from)
            .deadlines(Duration.ofSeconds(10), 2)

            .step("plan-journey").participant("travel")
                .compensateWith(CancelJourney.class, plan -> new CancelJourney(plan.journeyId()),
                        JourneyCancelled.class)

            .step("book-flight").participant("airline")
                .when("travelling by air", Plan::byAir)
                .invoke(BookFlight.class, plan -> new BookFlight(plan.journeyId()))
                .onSuccess(FlightBooked.class)
                .compensateWith(CancelFlight.class, FlightBooked.class,
                        (plan, booked) -> new CancelFlight(plan.journeyId(),
                                booked.map(FlightBooked::flightRef).orElse(null)), FlightCancelled.class)

            .step("book-hotel").participant("hotel")
                .when("nights away", plan -> plan.nights() > 0)
                .invoke(BookHotel.class, plan -> new BookHotel(plan.journeyId(), plan.nights()))
                .onSuccess(HotelBooked.class)
                .compensateWith(CancelHotel.class, HotelBooked.class,
                        (plan, booked) -> new CancelHotel(plan.journeyId()), HotelCancelled.class)

            .step("charge-fare").participant("bank")
                .invoke(ChargeFare.class, plan -> new ChargeFare(plan.journeyId()))
                .onSuccess(FareCharged.class)
                .onFailure(FareDeclined.class)

            .build();

    private Journey() {
    }

    /** What the saga knows: whether the journey flies, and how many nights it stays away. */
    public record Plan(UUID journeyId, boolean byAir, int nights) {

        static Plan from(JourneyPlanned planned) {
            return new Plan(planned.journeyId(), planned.byAir(), planned.nights());
        }
    }

    public record JourneyPlanned(UUID journeyId, boolean byAir, int nights) {
    }

    public record CancelJourney(UUID journeyId) {
    }

    public record JourneyCancelled(UUID journeyId) {
    }

    public record BookFlight(UUID journeyId) {
    }

    public record FlightBooked(UUID journeyId, String flightRef) {
    }

    public record FlightFull(UUID journeyId) {
    }

    public record CancelFlight(UUID journeyId, @Nullable String flightRef) {
    }

    public record FlightCancelled(UUID journeyId) {
    }

    public record BookHotel(UUID journeyId, int nights) {
    }

    public record HotelBooked(UUID journeyId) {
    }

    public record HotelFull(UUID journeyId) {
    }

    public record CancelHotel(UUID journeyId) {
    }

    public record HotelCancelled(UUID journeyId) {
    }

    /** An operator's approval of a journey, with who checked it. */
    public record Approval(String checkedBy) {
    }

    /** An operator's rejection of a journey, with why. */
    public record Rejection(String reason) {
    }

    public record ChargeFare(UUID journeyId) {
    }

    public record FareCharged(UUID journeyId) {
    }

    public record FareDeclined(UUID journeyId) {
    }
}
