package dev.saga.participant.shipping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.saga.messaging.MissingExchangeException;
import dev.saga.messaging.Topology;
import dev.saga.messaging.testing.RealServices;
import dev.saga.participant.kit.ServiceLauncher;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A participant does not declare the shared exchanges (its broker user may not configure them): started on a
 * virtual host that setup has not prepared, it refuses to start, names what is missing and how to create it, and
 * declares nothing of its own there. An exchange lost while it runs stops it consuming until setup created it
 * again; then it reconnects and declares its queues and bindings as before.
 */
class MissingExchangeStartupIT {

    private static final ObjectMapper JSON = new ObjectMapper();

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

    @Test
    void recoversOnceAnExchangeThatWentMissingIsCreatedAgain() throws Exception {
        services = RealServices.isolated();
        try (ConfigurableApplicationContext shipping = ServiceLauncher.run(ShippingApplication.class, "shipping",
                arguments())) {
            String vhost = services.get("spring.rabbitmq.virtual-host");
            await().atMost(Duration.ofSeconds(10)).until(() -> consumers("shipping.commands") > 0);
            assertThat(shipping.isRunning()).isTrue();
            RealServices.management("DELETE", "/api/exchanges/" + vhost + "/" + Topology.RETRY, null);
            closeConnections(vhost);
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(15))
                    .until(() -> consumers("shipping.commands") == 0);

            RealServices.management("PUT", "/api/exchanges/" + vhost + "/" + Topology.RETRY,
                    "{\"type\":\"topic\",\"durable\":true}");

            await().atMost(Duration.ofSeconds(30)).until(() -> consumers("shipping.commands") > 0);
            assertThat(RealServices.management("GET", "/api/exchanges/" + vhost + "/" + Topology.RETRY
                    + "/bindings/source", null)).as("the retry bindings are declared again")
                    .contains("\"destination\":\"shipping.commands\"");
        }
    }

    private String[] arguments() {
        return Stream.concat(Stream.of(RealServices.asArguments(services)), Stream.of("--server.port=0"))
                .toArray(String[]::new);
    }

    private static void closeConnections(String vhost) throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> !servicesConnections(vhost).isEmpty());
        for (JsonNode connection : servicesConnections(vhost)) {
            String name = URLEncoder.encode(connection.get("name").asText(), StandardCharsets.UTF_8);
            RealServices.management("DELETE", "/api/connections/" + name.replace("+", "%20"), null);
        }
    }

    /** The vhost's connections but the one the test support keeps open to hold the vhost. */
    private static List<JsonNode> servicesConnections(String vhost) throws Exception {
        List<JsonNode> services = new ArrayList<>();
        for (JsonNode connection : JSON.readTree(RealServices.management("GET", "/api/vhosts/" + vhost
                + "/connections", null))) {
            if (!RealServices.isKeeper(connection)) {
                services.add(connection);
            }
        }
        return services;
    }

    /** Consumers on the queue, as a passive declare reports them (0 when the queue cannot be reached). */
    private int consumers(String queue) {
        CachingConnectionFactory connections = guest();
        try {
            QueueInformation info = new RabbitAdmin(connections).getQueueInfo(queue);
            return info == null ? 0 : info.getConsumerCount();
        } finally {
            connections.destroy();
        }
    }

    private boolean queueExists(String queue) {
        CachingConnectionFactory connections = guest();
        try {
            return new RabbitAdmin(connections).getQueueProperties(queue) != null;
        } finally {
            connections.destroy();
        }
    }

    private CachingConnectionFactory guest() {
        CachingConnectionFactory connections = new CachingConnectionFactory(services.get("spring.rabbitmq.host"),
                Integer.parseInt(services.get("spring.rabbitmq.port")));
        connections.setUsername(services.get("spring.rabbitmq.username"));
        connections.setPassword(services.get("spring.rabbitmq.password"));
        connections.setVirtualHost(services.get("spring.rabbitmq.virtual-host"));
        return connections;
    }
}
