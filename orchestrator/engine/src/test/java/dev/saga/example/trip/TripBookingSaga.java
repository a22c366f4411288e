package dev.saga.example.trip;

import dev.saga.definition.SagaDefinition;
import java.util.UUID;

/**
 * A second, different saga written with the same DSL and run by the same engine: book a flight, a hotel and
 * a car; the car is the pivot (non-refundable), and a full hotel cancels the flight.
 */
public final class TripBookingSaga {

    public record TripRequested(UUID tripId, String traveller) {
    }

    public record Trip(UUID tripId, String traveller, String problem) {
        Trip because(String reason) {
            return new Trip(tripId, traveller, reason);
        }
    }

    public record BookFlight(UUID tripId) {
    }

    public record FlightBooked(UUID tripId, String bookingRef) {
    }

    public record FlightFull(UUID tripId, String reason) {
    }

    /** Cancels the booking the airline confirmed, or whatever it booked for the trip when it never said. */
    public record CancelFlight(UUID tripId, String bookingRef) {
    }

    public record FlightCancelled(UUID tripId) {
    }

    public record BookHotel(UUID tripId) {
    }

    public record HotelBooked(UUID tripId) {
    }

    public record HotelFull(UUID tripId, String reason) {
    }

    public record CancelHotel(UUID tripId) {
    }

    public record HotelCancelled(UUID tripId) {
    }

    public record RentCar(UUID tripId) {
    }

    public record CarRented(UUID tripId) {
    }

    public record NoCarAvailable(UUID tripId, String reason) {
    }

    public static final SagaDefinition<Trip> DEFINITION = SagaDefinition
            .builder("trip-booking", 1, Trip.class)
            .startedBy(TripRequested.class, TripRequested::tripId, e -> new Trip(e.tripId(), e.traveller(), null))

            .step("book-flight").participant("airline")
                .invoke(BookFlight.class, trip -> new BookFlight(trip.tripId()))
                .onSuccess(FlightBooked.class)
                .onFailure(FlightFull.class, (trip, reply) -> trip.because(reply.reason()))
                .compensateWith(CancelFlight.class, FlightBooked.class, (trip, booked) ->
                        new CancelFlight(trip.tripId(), booked.map(FlightBooked::bookingRef).orElse(null)),
                        FlightCancelled.class)

            .step("book-hotel").participant("hotel")
                .invoke(BookHotel.class, trip -> new BookHotel(trip.tripId()))
                .onSuccess(HotelBooked.class)
                .onFailure(HotelFull.class, (trip, reply) -> trip.because(reply.reason()))
                .compensateWith(CancelHotel.class, HotelBooked.class, (trip, booked) -> new CancelHotel(trip.tripId()),
                        HotelCancelled.class)

            .step("rent-car").participant("car-rental")
                .invoke(RentCar.class, trip -> new RentCar(trip.tripId()))
                .onSuccess(CarRented.class)
                .onFailure(NoCarAvailable.class, (trip, reply) -> trip.because(reply.reason()))

            .build();

    private TripBookingSaga() {
    }
}
