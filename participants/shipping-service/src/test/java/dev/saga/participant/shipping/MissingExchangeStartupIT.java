package dev.saga.participant.shipping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.saga.messaging.MissingExchangeException;
import dev.saga.messaging.Topology;
import dev.saga.messaging.testing.RealServices;
import dev.saga.participant.kit.ServiceLauncher;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;

/**
 * A participant does not declare the shared exchanges (its broker user may not configure them): started on a
 * virtual host that setup has not prepared, it refuses to start, names what is missing and how to create it, and
 * declares nothing of its own there.
 */
class MissingExchangeStartupIT {

    private Map<String, String> services;

    @AfterEach
    void release() {
        RealServices.release(services);
    }

    @Test
    void refusesToStartNamingTheMissingExchangesAndHowToCreateThem() {
        services = RealServices.isolatedWithout(Topology.RETRY, Topology.DEAD_LETTER);

        assertThatThrownBy(() -> ServiceLauncher.run(ShippingApplication.class, "shipping", arguments()).close())
                .isInstanceOf(MissingExchangeException.class)
                .hasMessageContaining("Exchanges saga.retry, saga.dead-letter are missing in virtual host")
                .hasMessageContaining("run infra/bin/services-up")
                .hasMessageNotContaining(Topology.COMMANDS);
        assertThat(queueExists("shipping.commands")).as("declared before the check").isFalse();
    }

    @Test
    void startsWhenSetupCreatedTheExchanges() {
        services = RealServices.isolated();

        ServiceLauncher.run(ShippingApplication.class, "shipping", arguments()).close();

        assertThat(queueExists("shipping.commands")).isTrue();
    }

    private String[] arguments() {
        return Stream.concat(Stream.of(RealServices.asArguments(services)), Stream.of("--server.port=0"))
                .toArray(String[]::new);
    }

    private boolean queueExists(String queue) {
        CachingConnectionFactory connections = new CachingConnectionFactory(services.get("spring.rabbitmq.host"),
                Integer.parseInt(services.get("spring.rabbitmq.port")));
        connections.setUsername(services.get("spring.rabbitmq.username"));
        connections.setPassword(services.get("spring.rabbitmq.password"));
        connections.setVirtualHost(services.get("spring.rabbitmq.virtual-host"));
        try {
            return new RabbitAdmin(connections).getQueueProperties(queue) != null;
        } finally {
            connections.destroy();
        }
    }
}
