package dev.saga.systemtest;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.saga.contract.order.OrderCreated;
import dev.saga.definition.MessageTypes;
import dev.saga.messaging.RetrySettings;
import dev.saga.messaging.Topology;
import dev.saga.messaging.testing.RealServices;
import dev.saga.testbed.Service;
import dev.saga.testbed.SystemTopology;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;

/**
 * The per-service broker users of {@code infra/rabbitmq/service-users.json}, applied to this test's virtual
 * host: a participant can do its own work, declaring its own queues included, and nothing of anyone else's; no
 * participant may configure a shared exchange.
 */
class BrokerPermissionsSystemIT {

    private static RunningSystem system;

    /** The system runs every service as its own broker user of the file; the tests log in as those users. */
    @BeforeAll
    static void applyServiceUsers() {
        system = RunningSystem.start(1, RunningSystem.ALL_PARTICIPANTS);
    }

    @AfterAll
    static void removeUsers() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void aParticipantPublishesItsOwnRepliesAndReadsItsOwnQueue() throws Exception {
        try (Connection inventory = connectAs("inventory"); Channel channel = inventory.createChannel()) {
            channel.confirmSelect();
            channel.basicPublish("saga.replies", "order-fulfilment.inventory.stock-reserved", null, new byte[0]);
            channel.waitForConfirmsOrDie(5000);
            channel.basicGet("inventory.commands", false);
        }
    }

    @Test
    void theOrchestratorReadsEveryParkingQueueButNoParticipantsWork() throws Exception {
        try (Connection orchestrator = connectAs("orchestrator"); Channel channel = orchestrator.createChannel()) {
            channel.basicGet("inventory.commands.dlq", false);
        }
        assertRefused("orchestrator", channel -> channel.basicGet("inventory.commands", false));
    }

    @Test
    void aParticipantCannotPublishAnotherParticipantsCommands() throws Exception {
        assertRefused("inventory", channel ->
                channel.basicPublish("saga.commands", "payment.authorize-payment", null, new byte[0]));
    }

    @Test
    void aParticipantCannotReplyInAnotherParticipantsName() throws Exception {
        assertRefused("inventory", channel ->
                channel.basicPublish("saga.replies", "order-fulfilment.payment.payment-authorized", null, new byte[0]));
    }

    @Test
    void aParticipantCannotReachAnotherQueueThroughTheDefaultExchange() throws Exception {
        assertRefused("inventory", channel -> channel.basicPublish("", "payment.commands", null, new byte[0]));
    }

    @Test
    void aParticipantCannotReadTheOrchestratorsQueue() throws Exception {
        assertRefused("inventory", channel -> channel.basicGet("orchestrator.replies", false));
    }

    @ParameterizedTest
    @MethodSource("dev.saga.testbed.SystemTopology#participantNames")
    void eachParticipantDeclaresItsOwnWorkQueueWithItsRetryTiersAndParkingQueue(String participant) {
        Service service = SystemTopology.service(participant);
        RetrySettings retry = new RetrySettings(List.of(Duration.ofSeconds(1), Duration.ofSeconds(10),
                Duration.ofSeconds(60)));
        // A commanded participant's queue takes its own commands; the listener's every saga's events; the
        // deciding one's (risk) the new orders.
        Declarables topology = switch (service.kind()) {
            case COMMANDED -> Topology.workQueue(service.workQueue(), retry, Topology.COMMANDS, participant + ".#");
            case LISTENING -> Topology.workQueue(service.workQueue(), retry, Topology.EVENTS, "saga.#");
            case DECIDING -> Topology.workQueue(service.workQueue(), retry, Topology.EVENTS,
                    MessageTypes.eventRoutingKey(OrderCreated.class));
            case ORCHESTRATOR -> throw new IllegalArgumentException(participant + " is no participant");
        };
        CachingConnectionFactory connections = connectionFactoryAs(participant);
        try {
            RabbitAdmin admin = new RabbitAdmin(connections);
            topology.getDeclarablesByType(Queue.class).forEach(admin::declareQueue);
            topology.getDeclarablesByType(Binding.class).forEach(admin::declareBinding);
        } finally {
            connections.destroy();
        }
    }

    @Test
    void aParticipantCannotDeclareAQueueBesideItsOwn() throws Exception {
        assertRefused("inventory", channel -> channel.queueDeclare("inventory.commands.spy", true, false, false,
                null));
        assertRefused("inventory", channel -> channel.queueDeclare());
    }

    @Test
    void aParticipantCannotBindToRoutingKeysNotItsOwn() throws Exception {
        assertRefused("inventory", channel -> channel.queueBind("inventory.commands", Topology.COMMANDS, "payment.#"));
        assertRefused("inventory", channel -> channel.queueBind("inventory.commands", Topology.COMMANDS, "#"));
        assertRefused("notification", channel -> channel.queueBind("notification.events", Topology.EVENTS,
                "order.#"));
        assertRefused("risk", channel -> channel.queueBind("risk.events", Topology.EVENTS, "order.#"));
        assertRefused("risk", channel -> channel.queueBind("risk.events", Topology.EVENTS, "saga.#"));
    }

    @Test
    void theRiskServicePublishesItsOwnEventsAndNoOneElses() throws Exception {
        try (Connection risk = connectAs("risk"); Channel channel = risk.createChannel()) {
            channel.confirmSelect();
            channel.basicPublish(Topology.EVENTS, "risk.fraud-review-cleared", null, new byte[0]);
            channel.waitForConfirmsOrDie(5000);
        }
        assertRefused("risk", channel -> channel.basicPublish(Topology.EVENTS, "order.created", null, new byte[0]));
        assertRefused("risk", channel -> channel.basicPublish(Topology.REPLIES,
                "order-fulfilment.risk.fraud-review-cleared", null, new byte[0]));
        assertRefused("order", channel -> channel.basicPublish(Topology.EVENTS, "risk.fraud-review-cleared", null,
                new byte[0]));
    }

    @Test
    void aParticipantCannotBindToAnotherQueuesParkedMessages() throws Exception {
        assertRefused("inventory", channel -> channel.queueBind("inventory.commands.dlq", Topology.DEAD_LETTER,
                "payment.commands"));
        assertRefused("inventory", channel -> channel.queueBind("inventory.commands", Topology.DEAD_LETTER,
                "payment.commands"));
    }

    @Test
    void aParticipantCannotDeleteOrDeclareASharedExchange() throws Exception {
        assertRefused("inventory", channel -> channel.exchangeDelete(Topology.REPLIES, true));
        assertRefused("inventory", channel -> channel.exchangeDeclare(Topology.REPLIES, "topic", true));
    }

    @ParameterizedTest
    @MethodSource("dev.saga.testbed.SystemTopology#participantNames")
    void aParticipantCannotParkAMessageInAnotherQueuesParkingQueue(String participant) throws Exception {
        String own = SystemTopology.service(participant).workQueue();
        List<String> others = SystemTopology.workQueues().stream().filter(queue -> !queue.equals(own)).toList();
        for (String queue : others) {
            assertRefused(participant, channel -> channel.basicPublish(Topology.DEAD_LETTER, queue, null,
                    new byte[0]));
        }
    }

    /** Something a channel is asked to do. */
    private interface ChannelAction {
        void run(Channel channel) throws IOException;
    }

    private static void assertRefused(String service, ChannelAction action) throws Exception {
        try (Connection connection = connectAs(service)) {
            Channel channel = connection.createChannel();
            channel.confirmSelect();
            assertThatThrownBy(() -> {
                action.run(channel);
                channel.waitForConfirmsOrDie(5000);
            }).hasStackTraceContaining("ACCESS_REFUSED");
        }
    }

    private static Connection connectAs(String service) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        URI management = URI.create(RealServices.managementUrl());
        factory.setHost(management.getHost());
        factory.setPort(Integer.parseInt(system.argumentValue("spring.rabbitmq.port")));
        factory.setUsername(system.brokerUser(service));
        factory.setPassword(system.brokerPassword());
        factory.setVirtualHost(system.virtualHost());
        return factory.newConnection();
    }

    private static CachingConnectionFactory connectionFactoryAs(String service) {
        CachingConnectionFactory connections = new CachingConnectionFactory(
                URI.create(RealServices.managementUrl()).getHost(),
                Integer.parseInt(system.argumentValue("spring.rabbitmq.port")));
        connections.setUsername(system.brokerUser(service));
        connections.setPassword(system.brokerPassword());
        connections.setVirtualHost(system.virtualHost());
        return connections;
    }
}
