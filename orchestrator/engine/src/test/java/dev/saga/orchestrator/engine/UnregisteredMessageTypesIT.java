package dev.saga.orchestrator.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.saga.contract.schema.MessageContract;
import dev.saga.definition.SagaDefinition;
import dev.saga.example.trip.TripBookingSaga;
import dev.saga.messaging.MessageRegistrationException;
import dev.saga.messaging.testing.RealServices;
import dev.saga.orchestrator.OrchestratorTestApplication;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * An orchestrator that loads a saga whose messages nobody registered refuses to start, naming each type with the
 * saga and step that use it, before it declares a queue or consumes anything; so does one whose registered types
 * have no stored schema. Without the check it would start, and the first command would be parked as unknown.
 */
class UnregisteredMessageTypesIT {

    private Map<String, String> services;

    @BeforeEach
    void isolate() {
        services = RealServices.isolated();
    }

    @AfterEach
    void release() {
        RealServices.release(services);
    }

    @Test
    void refusesToStartASagaWhoseMessagesNobodyRegisteredNamingEachType() throws Exception {
        assertThatThrownBy(() -> orchestrator(TripBookingLoaded.class))
                .rootCause().isInstanceOf(MessageRegistrationException.class)
                .hasMessageStartingWith("The orchestrator uses message types that no MessageContract bean "
                        + "registers: trip.TripRequested (" + TripBookingSaga.TripRequested.class.getName()
                        + ", saga trip-booking v1 starts it); trip.BookFlight (" + TripBookingSaga.BookFlight.class
                        .getName() + ", saga trip-booking v1 step book-flight command)")
                .hasMessageContaining("trip.NoCarAvailable")
                .hasMessageContaining("MessageContract.of(TripBookingSaga.TripRequested.class, ...)")
                .hasMessageNotContaining("order.");
        assertThat(RealServices.management("GET", "/api/queues/" + services.get("spring.rabbitmq.virtual-host"),
                null)).as("no queue declared").doesNotContain("orchestrator.");
    }

    @Test
    void refusesToStartWithRegisteredTypesWhoseSchemasAreNotStored() {
        assertThatThrownBy(() -> orchestrator(TripBookingLoaded.class, TripMessagesWithoutSchemas.class))
                .rootCause().isInstanceOf(MessageRegistrationException.class)
                .hasMessageContaining("trip.BookFlight: v1 is not stored; store it with SchemaRelease")
                .hasMessageContaining("Store them with dev.saga.contract.schema.SchemaRelease <schemas folder> "
                        + "<contract class or package>")
                .hasMessageNotContaining("order.");
    }

    private void orchestrator(Class<?>... extra) {
        Class<?>[] sources = Stream.concat(Stream.of(OrchestratorTestApplication.class), Stream.of(extra))
                .toArray(Class<?>[]::new);
        new SpringApplicationBuilder(sources).run(Stream.concat(Stream.of(RealServices.asArguments(services)),
                Stream.of("--server.port=0", "--saga.admin.viewer.username=viewer",
                        "--saga.admin.viewer.password=viewer-pass", "--saga.admin.operator.username=operator",
                        "--saga.admin.operator.password=operator-pass")).toArray(String[]::new)).close();
    }

    /** An adopter's saga, loaded beside the order sagas, its messages registered by nobody. */
    @TestConfiguration(proxyBeanMethods = false)
    static class TripBookingLoaded {

        @Bean
        SagaDefinition<?> tripBookingSaga() {
            return TripBookingSaga.DEFINITION;
        }
    }

    /** The trip's messages registered, but their schemas never stored. */
    @TestConfiguration(proxyBeanMethods = false)
    static class TripMessagesWithoutSchemas {

        @Bean
        MessageContract tripMessages() {
            return MessageContract.of(TripBookingSaga.TripRequested.class, TripBookingSaga.BookFlight.class);
        }
    }
}
