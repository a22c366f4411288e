package dev.saga.participant.shipping;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.saga.contract.Contracts;
import dev.saga.contract.schema.MessageContract;
import dev.saga.contract.shipping.ScheduleShipment;
import dev.saga.contract.shipping.ShipmentScheduled;
import dev.saga.messaging.MessageRegistrationException;
import dev.saga.messaging.testing.RealServices;
import dev.saga.participant.kit.Participant;
import dev.saga.participant.kit.ServiceLauncher;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * A participant with a handler for a message type nobody registered refuses to start, naming the type; without
 * the check it would start and park every such command as an unknown type. The same participant with only
 * registered types starts.
 */
class UnregisteredHandlerStartupIT {

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
    void refusesToStartAHandlerOfAnUnregisteredTypeNamingIt() {
        assertThatThrownBy(() -> ServiceLauncher.run(DroneShipping.class, "shipping", arguments()).close())
                .rootCause().isInstanceOf(MessageRegistrationException.class)
                .hasMessageStartingWith("Participant shipping uses message types that no MessageContract bean "
                        + "registers: shipping.DroneRequested (" + DroneRequested.class.getName()
                        + ", handled by shipping)")
                .hasMessageNotContaining("shipping.ScheduleShipment");
    }

    @Test
    void startsWhenEveryHandledTypeIsRegistered() {
        ServiceLauncher.run(ParcelShipping.class, "shipping", arguments()).close();
    }

    private String[] arguments() {
        return Stream.concat(Stream.of(RealServices.asArguments(services)), Stream.of("--server.port=0"))
                .toArray(String[]::new);
    }

    private static ShipmentScheduled scheduled(ScheduleShipment command) {
        return new ShipmentScheduled(command.orderId(), UUID.randomUUID());
    }

    /** A message of a team's own that its contract module never registered. */
    record DroneRequested(String orderId) {
    }

    /** A shipping participant that also flies drones, with the order contracts registered but not the drone. */
    @TestConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class DroneShipping {

        @Bean
        MessageContract orderMessages() {
            return Contracts.ORDER_MESSAGES;
        }

        @Bean
        Participant shippingParticipant() {
            return Participant.named("shipping")
                    .handles(ScheduleShipment.class, UnregisteredHandlerStartupIT::scheduled)
                    .consumes(DroneRequested.class, drone -> { })
                    .build();
        }
    }

    /** The same participant without the drone. */
    @TestConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class ParcelShipping {

        @Bean
        MessageContract orderMessages() {
            return Contracts.ORDER_MESSAGES;
        }

        @Bean
        Participant shippingParticipant() {
            return Participant.named("shipping")
                    .handles(ScheduleShipment.class, UnregisteredHandlerStartupIT::scheduled)
                    .build();
        }
    }
}
