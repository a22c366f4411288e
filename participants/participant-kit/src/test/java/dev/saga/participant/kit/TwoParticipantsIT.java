package dev.saga.participant.kit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saga.contract.Contracts;
import dev.saga.contract.inventory.ReserveStock;
import dev.saga.contract.inventory.StockReserved;
import dev.saga.contract.order.OrderLine;
import dev.saga.contract.payment.AuthorizePayment;
import dev.saga.contract.payment.PaymentAuthorized;
import dev.saga.contract.schema.MessageContract;
import dev.saga.messaging.BatchingConsumer;
import dev.saga.messaging.EnvelopeCodec;
import dev.saga.messaging.IncomingMessage;
import dev.saga.messaging.ObservabilityDefaults;
import dev.saga.messaging.testing.OrchestratorStandIn;
import dev.saga.messaging.testing.RealServices;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Two participants in one application context, over real RabbitMQ and PostgreSQL: each gets its own queue and
 * consumer, receives its own commands and replies to them, under its own name in its metrics and in the logging
 * context of its consumer threads; both share the context's schema, inbox and outbox.
 */
@SpringBootTest(classes = TwoParticipantsIT.App.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "spring.flyway.schemas=kit")
@Import(OrchestratorStandIn.ReplyQueue.class)
@DirtiesContext // closed before the JVM exits and its database is dropped, so the forked JVM ends promptly
@ExtendWith(OutputCaptureExtension.class)
class TwoParticipantsIT {

    private static final Logger LOG = LoggerFactory.getLogger(TwoParticipantsIT.class);

    /** The participant named in the logging context whenever a handler ran, by the handler's participant. */
    static final Map<String, Queue<String>> LOGGED_AS = new ConcurrentHashMap<>();

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {

        @Bean
        MessageContract orderMessages() {
            return Contracts.ORDER_MESSAGES;
        }

        @Bean
        MeterRegistry meters() {
            return new SimpleMeterRegistry();
        }

        @Bean
        Participant inventory() {
            return Participant.named("inventory")
                    .handles(ReserveStock.class, command -> {
                        seen("inventory");
                        LOG.info("Reserving stock for order {}", command.orderId());
                        return new StockReserved(command.orderId());
                    })
                    .build();
        }

        @Bean
        Participant payment() {
            return Participant.named("payment")
                    .handles(AuthorizePayment.class, command -> {
                        seen("payment");
                        LOG.info("Authorizing payment for order {}", command.orderId());
                        return new PaymentAuthorized(command.orderId(), UUID.nameUUIDFromBytes(
                                command.orderId().toString().getBytes(StandardCharsets.UTF_8)));
                    })
                    .build();
        }

        private static void seen(String participant) {
            LOGGED_AS.computeIfAbsent(participant, p -> new ConcurrentLinkedQueue<>())
                    .add(String.valueOf(MDC.get(ObservabilityDefaults.PARTICIPANT_KEY)));
        }
    }

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        RealServices.register(registry);
    }

    @Autowired
    private RabbitTemplate rabbit;
    @Autowired
    private EnvelopeCodec codec;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private MeterRegistry meters;
    @Autowired
    private ApplicationContext context;

    @Test
    void bothParticipantsOfOneContextReceiveTheirCommandsAndReplyUnderTheirOwnNames(CapturedOutput output) {
        OrchestratorStandIn toInventory = new OrchestratorStandIn(rabbit, codec, "inventory");
        OrchestratorStandIn toPayment = new OrchestratorStandIn(rabbit, codec, "payment");
        UUID order = UUID.randomUUID();

        UUID reserve = toInventory.send(new ReserveStock(order, List.of(new OrderLine("SKU-BOOK", 1))));
        UUID authorize = toPayment.send(new AuthorizePayment(order, "alice", 2500));
        // One stand-in reads the shared reply queue, so it is the one that sees both replies.
        IncomingMessage reserved = toInventory.awaitReplies(reserve, 1).get(0);
        IncomingMessage authorized = toInventory.awaitReplies(authorize, 1).get(0);

        assertThat(reserved.payload()).isEqualTo(new StockReserved(order));
        assertThat(reserved.routingKey()).isEqualTo("order-fulfilment.inventory.stock-reserved");
        assertThat(authorized.payload()).isInstanceOf(PaymentAuthorized.class);
        assertThat(authorized.routingKey()).isEqualTo("order-fulfilment.payment.payment-authorized");
        assertThat(LOGGED_AS.get("inventory")).containsOnly("inventory");
        assertThat(LOGGED_AS.get("payment")).containsOnly("payment");
        assertThat(output.getOut().lines())
                .anyMatch(line -> line.contains("[inventory] ") && line.endsWith("Reserving stock for order " + order))
                .anyMatch(line -> line.contains("[payment] ")
                        && line.endsWith("Authorizing payment for order " + order));
        assertThat(context.getBeansOfType(BatchingConsumer.class).values()).extracting(BatchingConsumer::queue)
                .containsExactlyInAnyOrder("inventory.commands", "payment.commands");
        assertThat(batchesCounted("inventory", "inventory.commands")).isOne();
        assertThat(batchesCounted("payment", "payment.commands")).isOne();
        assertThat(jdbc.queryForList("SELECT message_type FROM inbox WHERE message_id IN (?, ?)", String.class,
                reserve, authorize)).containsExactlyInAnyOrder("inventory.ReserveStock", "payment.AuthorizePayment");
    }

    private long batchesCounted(String participant, String queue) {
        return meters.get("saga.consumer.batch.size").tags("participant", participant, "queue", queue).summary()
                .count();
    }
}
