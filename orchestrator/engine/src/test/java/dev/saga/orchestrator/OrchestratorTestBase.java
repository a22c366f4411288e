package dev.saga.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.saga.contract.inventory.InventoryDeducted;
import dev.saga.contract.inventory.StockReserved;
import dev.saga.contract.order.OrderApproved;
import dev.saga.contract.payment.PaymentAuthorized;
import dev.saga.contract.payment.PaymentCaptured;
import dev.saga.contract.shipping.ShipmentScheduled;
import dev.saga.definition.MessageTypes;
import dev.saga.messaging.Envelope;
import dev.saga.messaging.EnvelopeCodec;
import dev.saga.messaging.IncomingMessage;
import dev.saga.messaging.MessageOrigin;
import dev.saga.messaging.SenderIdentity;
import dev.saga.messaging.Topology;
import dev.saga.messaging.testing.RealServices;
import dev.saga.messaging.testing.TestQueue;
import dev.saga.orchestrator.engine.SagaEngine;
import dev.saga.orchestrator.engine.SagaInstance;
import dev.saga.orchestrator.engine.SagaRepository;
import dev.saga.orchestrator.engine.SagaStarts;
import dev.saga.orchestrator.engine.SagaTimeline;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One orchestrator over real PostgreSQL and RabbitMQ, shared by the integration tests of every package (the
 * admin API, the engine's batches, deadlines, versions, metrics, admission). No participant runs, so a
 * saga waits at its first step until a test answers for a participant (through the engine, as the reply
 * listener would) or moves its deadline into the past; on their own, deadlines fire only after five minutes.
 * The commands the orchestrator sends land in a test queue.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "saga.admin.viewer.username=viewer", "saga.admin.viewer.password=viewer-pass",
    "saga.admin.operator.username=operator", "saga.admin.operator.password=operator-pass",
    "saga.deadlines.timeout-override=5m", "saga.deadlines.attempts-override=1",
    "saga.deadlines.scan-interval=200ms", "saga.metrics.parking-refresh=500ms",
    // Everything here logs in as one broker user, so the participants the tests answer for publish as it too.
    "saga.broker-users.order=${spring.rabbitmq.username}", "saga.broker-users.inventory=${spring.rabbitmq.username}",
    "saga.broker-users.payment=${spring.rabbitmq.username}", "saga.broker-users.shipping=${spring.rabbitmq.username}",
    "saga.broker-users.notification=${spring.rabbitmq.username}", "saga.broker-users.risk=${spring.rabbitmq.username}"})
public abstract class OrchestratorTestBase {

    protected static final String VIEWER = "viewer";
    protected static final String OPERATOR = "operator";
    protected static final String ORDER_FULFILMENT = "order-fulfilment";

    @Autowired
    protected TestRestTemplate http;
    @Autowired
    protected JdbcTemplate jdbc;
    @Autowired
    protected SagaEngine engine;
    @Autowired
    protected SagaStarts starts;
    @Autowired
    protected SagaRepository sagas;
    @Autowired
    protected SagaTimeline timeline;
    @Autowired
    private RabbitTemplate rabbit;
    @Autowired
    private EnvelopeCodec codec;
    @Autowired
    private AmqpAdmin admin;
    @Autowired
    private SenderIdentity identity;

    protected TestQueue commands;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        RealServices.register(registry);
    }

    @BeforeEach
    protected void bindCommandQueue() {
        commands = TestQueue.bound(admin, rabbit, codec, "test.commands", Topology.COMMANDS, "#");
    }

    /** Puts a message into the work queue's parking queue, as its consumer would; purge it when done. */
    protected void park(String workQueue) {
        Envelope envelope = Envelope.event("inventory.StockReserved");
        rabbit.send(Topology.DEAD_LETTER, workQueue, codec.toAmqp(envelope, "{}"));
    }

    /** Publishes an {@code OrderCreated} for a new order on the events exchange, as the order service does. */
    protected void publishOrderCreated(UUID orderId) {
        OrderCreatedEvents.publish(rabbit, codec, orderId);
    }

    /** Publishes a participant's event on the events exchange under its own routing key, as this broker user. */
    protected void publishEvent(Object event) {
        rabbit.send(Topology.EVENTS, MessageTypes.eventRoutingKey(event.getClass()),
                identity.stamp(codec.encode(Envelope.event(MessageTypes.nameOf(event.getClass())), event)));
    }

    protected void purge(String queue) {
        admin.purgeQueue(queue, false);
    }

    protected ResponseEntity<JsonNode> get(String user, String path) {
        return as(user).exchange(path, HttpMethod.GET, null, JsonNode.class);
    }

    protected ResponseEntity<JsonNode> post(String user, String path, Object body) {
        return post(user, path, body, new HttpHeaders());
    }

    protected ResponseEntity<JsonNode> post(String user, String path, Object body, HttpHeaders headers) {
        headers.setContentType(MediaType.APPLICATION_JSON);
        return as(user).exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), JsonNode.class);
    }

    /** The user's client, sending {@code X-Requested-By} as the console does; {@code null}: anonymous, no header. */
    protected TestRestTemplate as(String user) {
        return user == null ? http : RequestedByHeader.sentBy(http.withBasicAuth(user, user + "-pass"));
    }

    /** The body of an {@code OrderCreated} for a new order: one book. */
    protected static Map<String, Object> orderCreated(UUID orderId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("orderId", orderId.toString());
        body.put("customerId", "alice");
        body.put("lines", List.of(Map.of("sku", "SKU-BOOK", "quantity", 1)));
        body.put("amountCents", 2500);
        return body;
    }

    protected static HttpHeaders idempotencyKey(String key) {
        HttpHeaders headers = new HttpHeaders();
        headers.set("Idempotency-Key", key);
        return headers;
    }

    /** Starts an order-fulfilment saga for a new order over the API; the saga waits at reserve-stock. */
    protected UUID startOrder() {
        return startOrder(UUID.randomUUID());
    }

    protected UUID startOrder(UUID orderId) {
        ResponseEntity<JsonNode> started = post(OPERATOR, "/api/sagas/" + ORDER_FULFILMENT, orderCreated(orderId),
                idempotencyKey("start-" + orderId));
        assertThat(started.getStatusCode()).as("%s", started.getBody()).isEqualTo(HttpStatus.CREATED);
        return UUID.fromString(started.getBody().get("id").asText());
    }

    /**
     * A saga for a new order whose participants answered every step before {@code state} with success; the
     * saga waits at {@code state} (or is {@code COMPLETED}).
     */
    protected UUID sagaAt(String state) {
        UUID orderId = UUID.randomUUID();
        UUID sagaId = startOrder(orderId);
        List<String> states = List.of("reserve-stock", "authorize-payment", "deduct-inventory", "capture-payment",
                "schedule-shipment", "approve-order", "COMPLETED");
        List<Object> successes = List.of(new StockReserved(orderId), new PaymentAuthorized(orderId, UUID.randomUUID()),
                new InventoryDeducted(orderId), new PaymentCaptured(orderId),
                new ShipmentScheduled(orderId, UUID.randomUUID()), new OrderApproved(orderId));
        for (int i = 0; !states.get(i).equals(state); i++) {
            reply(sagaId, successes.get(i));
        }
        assertThat(sagas.find(sagaId).orElseThrow().machineState()).isEqualTo(state);
        return sagaId;
    }

    protected JsonNode saga(UUID sagaId) {
        ResponseEntity<JsonNode> found = get(VIEWER, "/api/sagas/" + sagaId);
        assertThat(found.getStatusCode()).isEqualTo(HttpStatus.OK);
        return found.getBody();
    }

    /**
     * Answers the saga's current command as its participant would: the reply to the last message the current
     * state sent, from the participant's broker user with its routing key, applied by the engine as the reply
     * listener would apply it.
     */
    protected void reply(UUID sagaId, Object reply) {
        engine.applyReply(replyTo(sagaId, reply));
    }

    /** The reply to the saga's current command, as its participant would send it. */
    protected IncomingMessage replyTo(UUID sagaId, Object reply) {
        SagaInstance saga = sagas.find(sagaId).orElseThrow();
        String state = saga.machineState();
        SagaTimeline.Entry sent = timeline.of(sagaId).stream()
                .filter(e -> state.equals(e.step()) && e.kind().name().endsWith("_SENT"))
                .reduce((first, last) -> last).orElseThrow(() -> new AssertionError(state + " sent nothing"));
        return replyAt(sagaId, state, sent.messageId(), sent.messageType(), saga.attempt(), reply);
    }

    /**
     * The reply to the command {@code state} sends (its id derived from saga and state, as the engine derives
     * it), whether or not the saga is there yet.
     */
    protected IncomingMessage replyAt(UUID sagaId, String state, Object reply) {
        UUID commandId = UUID.nameUUIDFromBytes((sagaId + "/" + state).getBytes(StandardCharsets.UTF_8));
        return replyAt(sagaId, state, commandId, "command", 1, reply);
    }

    private IncomingMessage replyAt(UUID sagaId, String state, UUID commandId, String commandType, int attempt,
                                    Object reply) {
        Envelope command = Envelope.command(commandId, commandType, sagaId, ORDER_FULFILMENT, state, attempt,
                ORDER_FULFILMENT);
        String type = MessageTypes.nameOf(reply.getClass());
        String routingKey = ORDER_FULFILMENT + "." + MessageTypes.ownerOf(reply.getClass()) + "."
                + MessageTypes.kebab(reply.getClass());
        return new IncomingMessage(command.reply(type), reply, Topology.REPLIES, routingKey,
                new MessageOrigin(identity.ownUser(), routingKey));
    }

    /** Makes the current step's reply overdue now, so the deadline scanner acts on it at its next scan. */
    protected void expireDeadline(UUID sagaId) {
        assertThat(jdbc.update("UPDATE saga_timer SET due_at = now() - interval '1 second' WHERE saga_id = ?"
                + " AND timer_kind = 'STEP_DEADLINE'", sagaId)).as("step deadline of %s", sagaId).isEqualTo(1);
    }

    protected static List<String> kinds(JsonNode saga) {
        List<String> kinds = new ArrayList<>();
        saga.get("timeline").forEach(entry -> kinds.add(entry.get("kind").asText()));
        return kinds;
    }

    /** A problem response: the status, {@code application/problem+json}, and its title. */
    protected static JsonNode assertProblem(ResponseEntity<JsonNode> response, HttpStatus status, String title) {
        assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).isNotNull();
        assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .as("content type %s", response.getHeaders().getContentType()).isTrue();
        assertThat(response.getBody().get("status").asInt()).isEqualTo(status.value());
        assertThat(response.getBody().get("title").asText()).isEqualTo(title);
        return response.getBody();
    }

    /** The fields a 400 problem names, in order. */
    protected static List<String> fieldsNamed(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        problem.get("errors").forEach(error -> fields.add(error.get("field").asText()));
        return fields;
    }
}
