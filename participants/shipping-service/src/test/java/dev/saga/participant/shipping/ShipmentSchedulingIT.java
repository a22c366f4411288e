package dev.saga.participant.shipping;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saga.contract.order.OrderLine;
import dev.saga.contract.shipping.ScheduleShipment;
import dev.saga.contract.shipping.ShipmentScheduled;
import dev.saga.definition.MessageTypes;
import dev.saga.messaging.Envelope;
import dev.saga.messaging.EnvelopeCodec;
import dev.saga.messaging.IncomingMessage;
import dev.saga.messaging.Topology;
import dev.saga.messaging.testing.RealServices;
import dev.saga.messaging.testing.TestQueue;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(properties = "spring.config.name=shipping")
class ShipmentSchedulingIT {

    @Autowired
    private RabbitTemplate rabbit;
    @Autowired
    private EnvelopeCodec codec;
    @Autowired
    private AmqpAdmin admin;
    @Autowired
    private JdbcTemplate jdbc;

    private TestQueue replies;

    @DynamicPropertySource
    static void realServices(DynamicPropertyRegistry registry) {
        RealServices.register(registry);
    }

    @BeforeEach
    void bindReplies() {
        replies = TestQueue.bound(admin, rabbit, codec, "test.replies", Topology.REPLIES, "#");
    }

    @Test
    void schedulesOneShipmentEvenWhenTheCommandIsDeliveredTwice() {
        UUID orderId = UUID.randomUUID();
        Envelope command = scheduleShipment();
        ScheduleShipment payload = new ScheduleShipment(orderId, List.of(new OrderLine("SKU-BOOK", 2)));

        send(command, payload);
        send(command, payload);

        List<IncomingMessage> both = replies.await(m -> answers(m, command), 2);
        ShipmentScheduled first = both.get(0).payloadAs(ShipmentScheduled.class);
        assertThat(first.orderId()).isEqualTo(orderId);
        assertThat(both.get(1).payload()).isEqualTo(first);
        assertThat(both.get(0).routingKey()).isEqualTo("order-fulfilment.shipping.shipment-scheduled");
        assertThat(shipmentsOf(orderId)).containsExactly(first.shipmentId());
        assertThat(jdbc.queryForObject("SELECT lines::text FROM shipment WHERE order_id = ?", String.class, orderId))
                .contains("SKU-BOOK");
    }

    @Test
    void answersARepeatedRequestForAnOrderWithItsExistingShipment() {
        UUID orderId = UUID.randomUUID();
        ScheduleShipment payload = new ScheduleShipment(orderId, List.of(new OrderLine("SKU-MUG", 1)));
        Envelope first = scheduleShipment();
        send(first, payload);
        UUID shipmentId = replies.awaitOne(m -> answers(m, first)).payloadAs(ShipmentScheduled.class).shipmentId();

        Envelope again = scheduleShipment();
        send(again, payload);

        assertThat(replies.awaitOne(m -> answers(m, again)).payloadAs(ShipmentScheduled.class))
                .isEqualTo(new ShipmentScheduled(orderId, shipmentId));
        assertThat(shipmentsOf(orderId)).containsExactly(shipmentId);
    }

    private static Envelope scheduleShipment() {
        return Envelope.command(UUID.randomUUID(), MessageTypes.nameOf(ScheduleShipment.class), UUID.randomUUID(),
                "order-fulfilment", "schedule-shipment", 1, "order-fulfilment.shipping");
    }

    /** Sends as the orchestrator would; sending one envelope twice is a duplicate delivery. */
    private void send(Envelope command, ScheduleShipment payload) {
        rabbit.send(Topology.COMMANDS, "shipping.schedule-shipment", codec.toAmqp(command, codec.payloadJson(payload)));
    }

    private static boolean answers(IncomingMessage reply, Envelope command) {
        return command.messageId().equals(reply.envelope().correlationId());
    }

    private List<UUID> shipmentsOf(UUID orderId) {
        return jdbc.queryForList("SELECT id FROM shipment WHERE order_id = ?", UUID.class, orderId);
    }
}
