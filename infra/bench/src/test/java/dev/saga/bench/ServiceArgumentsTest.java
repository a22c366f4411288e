package dev.saga.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceArgumentsTest {

    @Test
    void givenPropertiesFollowTheBenchsOwnAsSpringArguments() {
        Map<String, String> given = new LinkedHashMap<>();
        given.put("saga.admission.max-in-flight", "0");
        given.put("saga.consumer.prefetch", "100");

        assertThat(new ServiceArguments().set("server.port", "18080").setAll(given).toArgs())
                .containsExactly("--server.port=18080", "--saga.admission.max-in-flight=0",
                        "--saga.consumer.prefetch=100");
    }

    @Test
    void aGivenPropertyThatTheBenchAlsoSetsReplacesItsValueInsteadOfRepeatingIt() {
        // Spring would read a repeated --k=v as "v1,v2".
        assertThat(new ServiceArguments().set("spring.rabbitmq.port", "5672").set("server.port", "18080")
                .setAll(Map.of("spring.rabbitmq.port", "5673")).toArgs())
                .containsExactly("--spring.rabbitmq.port=5673", "--server.port=18080");
    }
}
