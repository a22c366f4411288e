package dev.saga.participant.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saga.contract.order.ApproveOrder;
import dev.saga.contract.order.OrderApproved;
import dev.saga.contract.order.OrderLine;
import dev.saga.contract.order.OrderRejected;
import dev.saga.contract.order.RejectOrder;
import dev.saga.definition.MessageTypes;
import dev.saga.messaging.Envelope;
import dev.saga.messaging.IncomingMessage;
import dev.saga.messaging.Topology;
import dev.saga.participant.order.placement.OrderPlacement;
import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class OrderDecisionsIT extends OrderServiceTestBase {

    private static final String SAGA_TYPE = "order-fulfilment";
    private static final String REPLY_TO = "order-fulfilment.order";

    @Autowired
    private OrderPlacement placement;
    @Autowired
    private Orders orders;

    @Test
    void approvesAPendingOrderAndReplies() {
        UUID orderId = pendingOrder();
        Envelope command = command(ApproveOrder.class, "approve-order");

        send(command, "order.approve-order", new ApproveOrder(orderId));

        IncomingMessage reply = replies.awaitOne(m -> answers(m, command));
        assertThat(reply.payloadAs(OrderApproved.class)).isEqualTo(new OrderApproved(orderId));
        assertThat(reply.routingKey()).isEqualTo("order-fulfilment.order.order-approved");
        assertThat(reply.envelope().sagaId()).isEqualTo(command.sagaId());
        assertThat(statusOf(orderId)).isEqualTo(OrderStatus.APPROVED);
    }

    @Test
    void aDuplicateDeliveryGetsTheSameReplyAndChangesNothing() {
        UUID orderId = pendingOrder();
        Envelope command = command(ApproveOrder.class, "approve-order");
        send(command, "order.approve-order", new ApproveOrder(orderId));
        IncomingMessage first = replies.awaitOne(m -> answers(m, command));
        Timestamp approvedAt = updatedAt(orderId);

        send(command, "order.approve-order", new ApproveOrder(orderId));

        List<IncomingMessage> both = replies.await(m -> answers(m, command), 2);
        assertThat(both).hasSize(2);
        assertThat(both.get(1).envelope().messageId()).isEqualTo(first.envelope().messageId());
        assertThat(both.get(1).payload()).isEqualTo(first.payload());
        assertThat(updatedAt(orderId)).isEqualTo(approvedAt);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM inbox WHERE message_id = ?", Integer.class,
                command.messageId())).isOne();
    }

    @Test
    void approvingAnApprovedOrderAgainRepliesAgain() {
        UUID orderId = pendingOrder();
        Envelope first = command(ApproveOrder.class, "approve-order");
        send(first, "order.approve-order", new ApproveOrder(orderId));
        replies.awaitOne(m -> answers(m, first));

        Envelope second = command(ApproveOrder.class, "approve-order");
        send(second, "order.approve-order", new ApproveOrder(orderId));

        assertThat(replies.awaitOne(m -> answers(m, second)).payloadAs(OrderApproved.class))
                .isEqualTo(new OrderApproved(orderId));
        assertThat(statusOf(orderId)).isEqualTo(OrderStatus.APPROVED);
    }

    @Test
    void rejectsAPendingOrderKeepingTheReasonAndReplies() {
        UUID orderId = pendingOrder();
        Envelope command = command(RejectOrder.class, "create-order");

        send(command, "order.reject-order", new RejectOrder(orderId, "payment declined: insufficient funds"));

        IncomingMessage reply = replies.awaitOne(m -> answers(m, command));
        assertThat(reply.payloadAs(OrderRejected.class)).isEqualTo(new OrderRejected(orderId));
        assertThat(reply.routingKey()).isEqualTo("order-fulfilment.order.order-rejected");
        Order rejected = orders.find(orderId).orElseThrow();
        assertThat(rejected.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(rejected.rejectionReason()).isEqualTo("payment declined: insufficient funds");
    }

    @Test
    void aDuplicateRejectionGetsTheSameReplyAndChangesNothing() {
        UUID orderId = pendingOrder();
        Envelope command = command(RejectOrder.class, "create-order");
        send(command, "order.reject-order", new RejectOrder(orderId, "out of stock"));
        replies.awaitOne(m -> answers(m, command));
        Timestamp rejectedAt = updatedAt(orderId);

        send(command, "order.reject-order", new RejectOrder(orderId, "out of stock"));

        assertThat(replies.await(m -> answers(m, command), 2)).hasSize(2);
        assertThat(updatedAt(orderId)).isEqualTo(rejectedAt);
        assertThat(orders.find(orderId).orElseThrow().rejectionReason()).isEqualTo("out of stock");
    }

    private UUID pendingOrder() {
        return placement.place("carol", List.of(new OrderLine("SKU-BOOK", 1))).id();
    }

    private static Envelope command(Class<?> type, String step) {
        return Envelope.command(UUID.randomUUID(), MessageTypes.nameOf(type), UUID.randomUUID(), SAGA_TYPE, step, 1,
                REPLY_TO);
    }

    /** Sends the command as the orchestrator would; sending one envelope twice is a duplicate delivery. */
    private void send(Envelope command, String routingKey, Object payload) {
        rabbit.send(Topology.COMMANDS, routingKey, codec.toAmqp(command, codec.payloadJson(payload)));
    }

    private static boolean answers(IncomingMessage reply, Envelope command) {
        return command.messageId().equals(reply.envelope().correlationId());
    }

    private OrderStatus statusOf(UUID orderId) {
        return orders.find(orderId).orElseThrow().status();
    }

    private Timestamp updatedAt(UUID orderId) {
        return jdbc.queryForObject("SELECT updated_at FROM orders WHERE id = ?", Timestamp.class, orderId);
    }
}
