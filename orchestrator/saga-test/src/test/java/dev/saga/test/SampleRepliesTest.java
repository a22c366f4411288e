package dev.saga.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The replies the kit makes up: the answered message's fields where the names match, plain samples elsewhere. */
class SampleRepliesTest {

    private static final Instant NOW = Instant.parse("2000-01-01T00:00:00Z");

    enum Tier { GOLD, SILVER }

    record Seat(String row, int number) {
    }

    record Book(UUID tripId, long amountCents) {
    }

    record Booked(UUID tripId, long amountCents, UUID bookingId, String note, List<String> extras, Instant at,
                  Tier tier, Seat seat, boolean confirmed) {
    }

    record Priced(UUID tripId, BigDecimal price) {
    }

    @Test
    void takesTheMessagesFieldsOfTheSameNameAndSamplesTheRest() {
        UUID trip = UUID.randomUUID();

        Object reply = SampleReplies.answering(new Book(trip, 4200), Booked.class, NOW);

        assertThat(reply).isInstanceOfSatisfying(Booked.class, booked -> {
            assertThat(booked.tripId()).isEqualTo(trip);
            assertThat(booked.amountCents()).isEqualTo(4200);
            assertThat(booked.bookingId()).isNotNull().isNotEqualTo(trip);
            assertThat(booked.note()).isEqualTo("sample");
            assertThat(booked.extras()).isEmpty();
            assertThat(booked.at()).isEqualTo(NOW);
            assertThat(booked.tier()).isEqualTo(Tier.GOLD);
            assertThat(booked.seat()).isEqualTo(new Seat("sample", 1));
            assertThat(booked.confirmed()).isFalse();
        });
    }

    @Test
    void aFieldWithoutASampleNamesItAndHowToGiveTheReply() {
        assertThatThrownBy(() -> SampleReplies.answering(new Book(UUID.randomUUID(), 1), Priced.class, NOW))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Priced has a BigDecimal price the kit has no sample for")
                .hasMessageContaining("answering(Book.class, book -> new Priced(...))");
    }
}
