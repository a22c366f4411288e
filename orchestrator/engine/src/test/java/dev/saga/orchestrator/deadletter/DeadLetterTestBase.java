package dev.saga.orchestrator.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.saga.contract.inventory.StockReserved;
import dev.saga.messaging.Envelope;
import dev.saga.messaging.EnvelopeCodec;
import dev.saga.messaging.Topology;
import dev.saga.messaging.testing.RealServices;
import dev.saga.orchestrator.OrderCreatedEvents;
import dev.saga.orchestrator.RequestedByHeader;
import dev.saga.orchestrator.intake.OrchestratorQueues;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One orchestrator on a database and virtual host of its own, with short retry delays so a failing message is
 * parked within a second, and the means to make messages fail for real: a reply without its saga, an event
 * whose body is not JSON, an {@code OrderCreated} whose saga the database refuses to store.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "saga.admin.viewer.username=viewer", "saga.admin.viewer.password=viewer-pass",
        "saga.admin.operator.username=operator", "saga.admin.operator.password=operator-pass",
        "saga.retry.delays=100ms,200ms",
        // Everything here logs in as one broker user, so the participants the tests stand in for publish as it too.
        "saga.broker-users.order=${spring.rabbitmq.username}",
        "saga.broker-users.inventory=${spring.rabbitmq.username}",
        "saga.broker-users.payment=${spring.rabbitmq.username}",
        "saga.broker-users.shipping=${spring.rabbitmq.username}",
        "saga.broker-users.notification=${spring.rabbitmq.username}"})
@Import(BrokerPermissions.class)
abstract class DeadLetterTestBase {

    static final String STARTS_PARKING = Topology.parkingQueue(OrchestratorQueues.SAGA_STARTS);
    static final String REPLIES_PARKING = Topology.parkingQueue(OrchestratorQueues.REPLIES);
    static final String API = "/api/dead-letters";

    @Autowired
    protected TestRestTemplate http;
    @Autowired
    protected RabbitTemplate rabbit;
    @Autowired
    protected RabbitAdmin admin;
    @Autowired
    protected EnvelopeCodec codec;
    @Autowired
    protected JdbcTemplate jdbc;
    @Autowired
    protected BrokerPermissions brokerPermissions;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        RealServices.register(registry);
        registry.add("saga.admin.management-url", RealServices::managementUrl);
    }

    @BeforeEach
    void emptyParkingQueues() {
        admin.purgeQueue(STARTS_PARKING, false);
        admin.purgeQueue(REPLIES_PARKING, false);
    }

    TestRestTemplate asOperator() {
        return RequestedByHeader.sentBy(http.withBasicAuth("operator", "operator-pass"));
    }

    TestRestTemplate asViewer() {
        return RequestedByHeader.sentBy(http.withBasicAuth("viewer", "viewer-pass"));
    }

    static ConditionFactory eventually() {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100));
    }

    /** Messages ready in the queue, counted by the broker itself (the management API lags by seconds). */
    int depth(String queue) {
        return admin.getQueueInfo(queue).getMessageCount();
    }

    void awaitDepth(String queue, int depth) {
        eventually().untilAsserted(() -> assertThat(depth(queue)).isEqualTo(depth));
    }

    /** A reply that names no saga: the orchestrator cannot apply it and parks it at once. Returns its id. */
    String publishReplyWithoutSaga() {
        Envelope envelope = Envelope.event("inventory.StockReserved");
        Message message = codec.toAmqp(envelope, codec.payloadJson(new StockReserved(UUID.randomUUID())));
        rabbit.send(Topology.REPLIES, "order-fulfilment.inventory.stock-reserved", message);
        return envelope.messageId().toString();
    }

    /** An {@code OrderCreated} whose body is not JSON: parked at once, since no retry can help. */
    String publishUnreadableOrderCreated() {
        Envelope envelope = Envelope.event("order.OrderCreated");
        rabbit.send(Topology.EVENTS, "order.created", codec.toAmqp(envelope, "order #12, two books"));
        return envelope.messageId().toString();
    }

    /** A valid {@code OrderCreated} for this order, as the order service publishes it. Returns its message id. */
    String publishOrderCreated(UUID orderId) {
        return OrderCreatedEvents.publish(rabbit, codec, orderId);
    }

    /** The database refuses to store sagas for these orders, as a broken constraint or migration would. */
    String refuseSagasFor(UUID... orderIds) {
        String constraint = "drill_" + UUID.randomUUID().toString().substring(0, 8);
        String keys = String.join(", ", Arrays.stream(orderIds).map(id -> "'" + id + "'").toList());
        jdbc.execute("ALTER TABLE orchestrator.saga ADD CONSTRAINT " + constraint + " CHECK (business_key NOT IN ("
                + keys + "))");
        return constraint;
    }

    void allowSagasAgain(String constraint) {
        jdbc.execute("ALTER TABLE orchestrator.saga DROP CONSTRAINT IF EXISTS " + constraint);
    }

    List<String> sagaStatuses(UUID orderId) {
        return jdbc.queryForList("SELECT status FROM orchestrator.saga WHERE type = 'order-fulfilment'"
                + " AND business_key = ?", String.class, orderId.toString());
    }

    JsonNode peek(String queue) {
        return asViewer().getForObject(API + "/" + queue, JsonNode.class);
    }

    List<String> parkedIds(String queue) {
        List<String> ids = new ArrayList<>();
        peek(queue).path("messages").forEach(message -> ids.add(message.path("messageId").asText()));
        return ids;
    }
}
