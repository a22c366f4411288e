package dev.saga.participant.payment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saga.contract.payment.AuthorizePayment;
import dev.saga.contract.payment.PaymentAuthorized;
import dev.saga.contract.payment.PaymentDeclined;
import dev.saga.messaging.EnvelopeCodec;
import dev.saga.messaging.MalformedMessageException;
import dev.saga.messaging.ParkingLot;
import dev.saga.messaging.Topology;
import dev.saga.messaging.testing.OrchestratorStandIn;
import dev.saga.messaging.testing.RealServices;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The payment service reading {@code AuthorizePayment} as producers of different versions write it: a command
 * of an older orchestrator (version 1, no currency) is upcast and held in euros, and a command that breaks its
 * schema is parked at once with the validation error, while the commands behind it are handled.
 */
@Import(OrchestratorStandIn.ReplyQueue.class)
@SpringBootTest(properties = {"spring.config.name=payment", "saga.retry.delays=200ms,400ms"},
        webEnvironment = SpringBootTest.WebEnvironment.NONE)
class PaymentCommandVersionsIT {

    private static final String PARKING = Topology.parkingQueue(Topology.commandQueue("payment"));

    @Autowired
    private RabbitTemplate rabbit;
    @Autowired
    private EnvelopeCodec codec;
    @Autowired
    private JdbcTemplate jdbc;

    private OrchestratorStandIn orchestrator;
    private final List<Message> parked = new CopyOnWriteArrayList<>();

    @DynamicPropertySource
    static void realServices(DynamicPropertyRegistry registry) {
        RealServices.register(registry);
    }

    @BeforeEach
    void standInForTheOrchestrator() {
        orchestrator = new OrchestratorStandIn(rabbit, codec, "payment");
    }

    @Test
    void holdsAVersionOneAuthorizationFromAnOlderOrchestratorInEuros() {
        UUID orderId = UUID.randomUUID();

        UUID command = orchestrator.sendWritten(AuthorizePayment.class, 1,
                "{\"orderId\":\"" + orderId + "\",\"accountId\":\"alice\",\"amountCents\":1800}");

        Object reply = orchestrator.awaitReplies(command, 1).get(0).payload();
        assertThat(reply).isInstanceOf(PaymentAuthorized.class);
        assertThat(jdbc.queryForObject("SELECT amount_cents FROM authorization_hold WHERE order_id = ?", Long.class,
                orderId)).isEqualTo(1800L);
    }

    @Test
    void declinesAnAuthorizationInACurrencyTheAccountsAreNotKeptIn() {
        UUID orderId = UUID.randomUUID();

        Object reply = orchestrator.call(new AuthorizePayment(orderId, "alice", 1800, "USD"));

        assertThat(reply).isEqualTo(new PaymentDeclined(orderId, "accounts are kept in EUR; cannot hold USD"));
    }

    @Test
    void parksAnAuthorizationThatBreaksItsSchemaWithTheErrorAndHandlesTheOneBehindIt() {
        UUID invalidOrder = UUID.randomUUID();
        UUID invalid = orchestrator.sendWritten(AuthorizePayment.class, 2,
                "{\"orderId\":\"" + invalidOrder + "\",\"amountCents\":\"lots\",\"currency\":\"EUR\"}");
        UUID validOrder = UUID.randomUUID();
        UUID valid = orchestrator.send(new AuthorizePayment(validOrder, "alice", 700, "EUR"));

        assertThat(orchestrator.awaitReplies(valid, 1).get(0).payload()).isInstanceOf(PaymentAuthorized.class);
        Message message = Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> parkedMessage(invalid), found -> found != null);
        Map<String, Object> headers = message.getMessageProperties().getHeaders();
        assertThat(headers).containsEntry(ParkingLot.ERROR_CLASS, MalformedMessageException.class.getName())
                .containsEntry(ParkingLot.ATTEMPTS, 1)
                .containsEntry(ParkingLot.ERROR_MESSAGE, "payment.AuthorizePayment v2 does not match its schema: "
                        + "$.amountCents: string found, integer expected; $: required property 'accountId' not found");
        assertThat(orchestrator.repliesTo(invalid)).isEmpty();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM authorization_hold WHERE order_id = ?", Long.class,
                invalidOrder)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM inbox WHERE message_id = ?", Long.class, invalid))
                .as("the invalid command never reached the inbox").isZero();
    }

    private Message parkedMessage(UUID messageId) {
        Message message;
        while ((message = rabbit.receive(PARKING)) != null) {
            parked.add(message);
        }
        return parked.stream().filter(m -> messageId.toString().equals(m.getMessageProperties().getMessageId()))
                .findFirst().orElse(null);
    }
}
