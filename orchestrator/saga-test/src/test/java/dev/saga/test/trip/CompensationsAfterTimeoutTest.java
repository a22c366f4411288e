package dev.saga.test.trip;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.saga.contract.order.OrderCancellationRequested;
import dev.saga.definition.SagaDefinition;
import dev.saga.ordercancellation.OrderCancellationSaga;
import dev.saga.test.SagaTestKit;
import dev.saga.test.trip.TripBooking.BookFlight;
import dev.saga.test.trip.TripBooking.CancelBooking;
import dev.saga.test.trip.TripBooking.CancelFlight;
import dev.saga.test.trip.TripBooking.CancelHotel;
import dev.saga.test.trip.TripBooking.FlightBooked;
import dev.saga.test.trip.TripBooking.HotelBooked;
import dev.saga.test.trip.TripBooking.TripData;
import dev.saga.test.trip.TripBooking.TripRequested;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/** The kit runs every compensation on what a timeout leaves it, and fails a team's test where one breaks there. */
class CompensationsAfterTimeoutTest {

    private static final BiFunction<TripData, Optional<HotelBooked>, CancelHotel> CANCEL_HOTEL =
            (data, booked) -> new CancelHotel(data.tripId(), booked.map(HotelBooked::hotelRef).orElse(null));

    private final TripRequested trip = new TripRequested(UUID.randomUUID());

    @Test
    void aCompensationThatWorksWithoutTheReplyPasses() {
        SagaDefinition<TripData> saga = TripBooking.cancelling(CancelFlight.class,
                (data, booked) -> new CancelFlight(data.tripId(), booked.map(FlightBooked::flightRef).orElse(null)),
                CancelHotel.class, CANCEL_HOTEL);

        assertThatCode(() -> kit(saga).expectEveryCompensationToSurviveATimeout(trip)).doesNotThrowAnyException();
    }

    @Test
    void aCompensationThatGetsTheMissingReplyFailsNamingTheSagaTheStepAndTheCompensation() {
        SagaDefinition<TripData> saga = TripBooking.cancelling(CancelFlight.class,
                (data, booked) -> new CancelFlight(data.tripId(), booked.get().flightRef()),
                CancelHotel.class, CANCEL_HOTEL);

        assertThatThrownBy(() -> kit(saga).expectEveryCompensationToSurviveATimeout(trip))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Saga trip-booking v1: after book-flight timed out, compensation CancelFlight"
                        + " of book-flight (built without its reply FlightBooked, which never came) broke:")
                .hasMessageContaining("No value present")
                .hasMessageNotContaining("book-hotel timed out")
                .hasCauseInstanceOf(NoSuchElementException.class);
    }

    @Test
    void aCompensationThatReadsWhatOnlyTheReplyPutInTheDataFailsNamingTheFieldItLeavesNull() {
        SagaDefinition<TripData> saga = TripBooking.cancelling(CancelBooking.class,
                (data, booked) -> new CancelBooking(data.flightRef()), CancelHotel.class, CANCEL_HOTEL);

        assertThatThrownBy(() -> kit(saga).expectEveryCompensationToSurviveATimeout(trip))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Saga trip-booking v1: after book-flight timed out, compensation CancelBooking"
                        + " of book-flight (built without its reply FlightBooked, which never came) broke:")
                .hasMessageContaining("sends CancelBooking.flightRef as null, which its schema requires");
    }

    @Test
    void everyTimeoutThatBreaksACompensationIsReported() {
        SagaDefinition<TripData> saga = TripBooking.cancelling(CancelFlight.class,
                (data, booked) -> new CancelFlight(data.tripId(), booked.get().flightRef()),
                CancelHotel.class, (data, booked) -> new CancelHotel(data.tripId(), booked.orElseThrow().hotelRef()));

        assertThatThrownBy(() -> kit(saga).expectEveryCompensationToSurviveATimeout(trip))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("2 timeouts break a compensation")
                .hasMessageContaining("after book-flight timed out, compensation CancelFlight of book-flight")
                .hasMessageContaining("after book-hotel timed out, compensation CancelHotel of book-hotel");
    }

    @Test
    void aReplyTheKitCannotMakeUpIsTheTestsToGive() {
        SagaDefinition<TripData> saga = TripBooking.cancelling(CancelFlight.class,
                (data, booked) -> new CancelFlight(data.tripId(), booked.map(FlightBooked::flightRef).orElse(null)),
                CancelHotel.class, CANCEL_HOTEL);

        assertThatThrownBy(() -> SagaTestKit.of(saga).expectEveryCompensationToSurviveATimeout(trip))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("could not bring book-hotel to its timeout")
                .hasMessageContaining("Not a booking reference: sample")
                .hasMessageContaining("answering(BookFlight.class, bookFlight -> new FlightBooked(...))");
    }

    @Test
    void aSagaWithNothingToCompensateAfterATimeoutHasNothingToCheck() {
        assertThatThrownBy(() -> SagaTestKit.of(OrderCancellationSaga.DEFINITION)
                .expectEveryCompensationToSurviveATimeout(new OrderCancellationRequested(UUID.randomUUID(), "alice",
                        null)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("nothing to check");
    }

    /** The airline's references are not made up: the kit answers BookFlight as the airline would. */
    private static SagaTestKit<TripData> kit(SagaDefinition<TripData> saga) {
        return SagaTestKit.of(saga).answering(BookFlight.class, booking -> new FlightBooked(booking.tripId(),
                "KL1234"));
    }
}
