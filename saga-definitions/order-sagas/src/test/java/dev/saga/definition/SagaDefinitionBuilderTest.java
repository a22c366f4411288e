package dev.saga.definition;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saga.contract.order.OrderCreated;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A compensation is handed the step's success reply when it came, and nothing when the step never answered. */
class SagaDefinitionBuilderTest {

    record Trip(String id) {
    }

    record BookFlight(String tripId) {
    }

    record FlightBooked(String tripId, String bookingRef) {
    }

    record FlightWaitlisted(String tripId) {
    }

    record CancelFlight(String tripId, String bookingRef) {
    }

    record FlightCancelled(String tripId) {
    }

    private final SagaStep<Trip> bookFlight = SagaDefinition.builder("trip", 1, Trip.class)
            .startedBy(OrderCreated.class, OrderCreated::orderId, event -> new Trip(event.customerId()))
            .step("book-flight").participant("airline")
                .invoke(BookFlight.class, trip -> new BookFlight(trip.id()))
                .onSuccess(FlightBooked.class)
                .onSuccess(FlightWaitlisted.class)
                .compensateWith(CancelFlight.class, FlightBooked.class, (trip, booked) ->
                        new CancelFlight(trip.id(), booked.map(FlightBooked::bookingRef).orElse("any for the trip")),
                        FlightCancelled.class)
            .build().step("book-flight");

    private final Trip trip = new Trip("trip-1");

    @Test
    void aCompensationIsBuiltFromTheSuccessReplyWhenItArrived() {
        assertThat(bookFlight.compensationFor(trip, Optional.of(new FlightBooked("trip-1", "ABC123"))))
                .isEqualTo(new CancelFlight("trip-1", "ABC123"));
    }

    @Test
    void aCompensationAfterATimeoutIsBuiltFromTheDataAlone() {
        assertThat(bookFlight.compensationFor(trip, Optional.empty()))
                .isEqualTo(new CancelFlight("trip-1", "any for the trip"));
    }

    @Test
    void anotherSuccessReplyThanTheOneTheCompensationReadsCountsAsNone() {
        assertThat(bookFlight.compensationReads()).isEqualTo(FlightBooked.class);
        assertThat(bookFlight.compensationFor(trip, Optional.of(new FlightWaitlisted("trip-1"))))
                .isEqualTo(new CancelFlight("trip-1", "any for the trip"));
    }
}
