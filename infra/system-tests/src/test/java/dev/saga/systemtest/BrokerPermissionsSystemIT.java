package dev.saga.systemtest;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.saga.messaging.testing.RealServices;
import java.io.IOException;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The per-service broker users of {@code infra/rabbitmq/service-users.json}, applied to this test's virtual
 * host: a participant can do its own work and nothing of anyone else's.
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
}
