package dev.saga.test.trip;

import dev.saga.contract.Nullable;
import dev.saga.definition.SagaDefinition;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * A small saga for the kit's own tests: book a flight, then a hotel; each is cancelled if the trip cannot go ahead.
 * Its compensations are given by the test, written the ways a team might write them.
 */
public final class TripBooking {

    public static final String TYPE = "trip-booking";

    private TripBooking() {
    }

    public static <F, H> SagaDefinition<TripData> cancelling(
            Class<F> flightCancellation, BiFunction<TripData, Optional<FlightBooked>, F> cancelFlight,
            Class<H> hotelCancellation, BiFunction<TripData, Optional<HotelBooked>, H> cancelHotel) {
        return SagaDefinition.builder(TYPE, 1, TripData.class)
                .startedBy(TripRequested.class, TripRequested::tripId, TripData::from)
                .deadlines(Duration.ofSeconds(10), 2)
                .onTimeout(TripData::refusedBecause)

                .step("request-trip").participant("travel")
                    .compensateWith(CancelTrip.class, data -> new CancelTrip(data.tripId(), data.refusal()),
                            TripCancelled.class)

                .step("book-flight").participant("airline")
                    .invoke(BookFlight.class, data -> new BookFlight(data.tripId()))
                    .onSuccess(FlightBooked.class, (data, booked) -> data.withFlight(booked.flightRef()))
                    .onFailure(FlightFull.class, (data, full) -> data.refusedBecause("flight full"))
                    .compensateWith(flightCancellation, FlightBooked.class, cancelFlight, FlightCancelled.class)

                .step("book-hotel").participant("hotel")
                    .invoke(BookHotel.class, data -> new BookHotel(data.tripId()))
                    .onSuccess(HotelBooked.class)
                    .compensateWith(hotelCancellation, HotelBooked.class, cancelHotel, HotelCancelled.class)

                .build();
    }

    /** What the trip saga knows. */
    public record TripData(UUID tripId, String flightRef, String refusal) {

        static TripData from(TripRequested requested) {
            return new TripData(requested.tripId(), null, null);
        }

        TripData withFlight(String ref) {
            return new TripData(tripId, ref, refusal);
        }

        TripData refusedBecause(String why) {
            return new TripData(tripId, flightRef, why);
        }
    }

    public record TripRequested(UUID tripId) {
    }

    public record CancelTrip(UUID tripId, @Nullable String reason) {
    }

    public record TripCancelled(UUID tripId) {
    }

    public record BookFlight(UUID tripId) {
    }

    /** The airline's booking reference is six letters or digits: the kit's sample {@code "sample"} is refused. */
    public record FlightBooked(UUID tripId, String flightRef) {

        public FlightBooked {
            if (!flightRef.matches("[A-Z0-9]{6}")) {
                throw new IllegalArgumentException("Not a booking reference: " + flightRef);
            }
        }
    }

    public record FlightFull(UUID tripId) {
    }

    /** The airline cancels by trip when the booking reference is not known. */
    public record CancelFlight(UUID tripId, @Nullable String flightRef) {
    }

    /** The airline's other way to cancel: by booking reference only, which it requires. */
    public record CancelBooking(String flightRef) {
    }

    public record FlightCancelled(UUID tripId) {
    }

    public record BookHotel(UUID tripId) {
    }

    public record HotelBooked(UUID tripId, String hotelRef) {
    }

    public record CancelHotel(UUID tripId, @Nullable String hotelRef) {
    }

    public record HotelCancelled(UUID tripId) {
    }
}
