package dev.saga.participant.kit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TopicPatternsTest {

    @ParameterizedTest(name = "{0} and {1}: {2}")
    @CsvSource({
        "inventory.#, payment.#, false",
        "inventory.#, inventory.reserve-stock, true",
        "saga.#, saga.order-fulfilment.completed, true",
        "saga.*.completed, saga.order-fulfilment.*, true",
        "saga.*.completed, saga.*.compensated, false",
        "#, order.created, true",
        "order.#, order, true",
        "order.*, order, false",
        "a.#.z, a.b.c.z, true",
        "a.#.z, a.b.c.y, false",
        "*.created, order.#, true",
    })
    void tellsWhetherTwoBindingKeysCanMatchOneRoutingKey(String one, String other, boolean overlap) {
        assertThat(TopicPatterns.overlap(one, other)).isEqualTo(overlap);
        assertThat(TopicPatterns.overlap(other, one)).isEqualTo(overlap);
    }
}
