package dev.saga.participant.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.saga.contract.Contracts;
import dev.saga.contract.inventory.ReserveStock;
import dev.saga.contract.inventory.StockReserved;
import dev.saga.contract.order.OrderLine;
import dev.saga.contract.schema.MessageContract;
import dev.saga.messaging.BatchingConsumer;
import dev.saga.messaging.Envelope;
import dev.saga.messaging.Inbox;
import dev.saga.messaging.IncomingMessage;
import dev.saga.messaging.MessageOrigin;
import dev.saga.messaging.Outbox;
import dev.saga.messaging.Topology;
import dev.saga.messaging.testing.RealServices;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Declarables;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the participant starter gives an application, over real RabbitMQ and PostgreSQL: for each Participant bean
 * its queues, dispatcher and consumer, nothing for an application without one, the application's own advisory locks
 * where it declares them, and a start-up failure that names a bad property and what it allows.
 */
@ExtendWith(OutputCaptureExtension.class)
class ParticipantAutoConfigurationIT {

    private static Map<String, String> services;

    @BeforeAll
    static void services() {
        services = RealServices.isolated();
    }

    @AfterAll
    static void releaseServices() {
        RealServices.release(services);
    }

    @Test
    void aParticipantBeanGetsItsQueuesDispatcherAndConsumer() {
        runner().withUserConfiguration(WithInventory.class).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(AdvisoryLocks.class).hasSingleBean(Inbox.class)
                    .hasSingleBean(Outbox.class).hasSingleBean(MeterRegistry.class);
            assertThat(context.getBean("inventory.dispatcher")).isInstanceOf(MessageDispatcher.class);
            assertThat(context.getBean("inventory.consumer", BatchingConsumer.class).queue())
                    .isEqualTo("inventory.commands");
            Declarables queues = context.getBean("inventory.queues", Declarables.class);
            assertThat(queues.getDeclarablesByType(org.springframework.amqp.core.Queue.class))
                    .extracting(org.springframework.amqp.core.Queue::getName)
                    .contains("inventory.commands", "inventory.commands.dlq", "inventory.commands.retry.1");
            assertThat(queues.getDeclarablesByType(Binding.class))
                    .anyMatch(binding -> binding.getExchange().equals(Topology.COMMANDS)
                            && binding.getRoutingKey().equals("inventory.#")
                            && binding.getDestination().equals("inventory.commands"));
            JsonNode workQueue = Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> brokerQueue("inventory.commands"), queue -> queue.path("consumers").asInt() > 0);
            assertThat(workQueue.path("type").asText()).isEqualTo("quorum");
        });
    }

    @Test
    void anApplicationWithoutAParticipantGetsNoneOfIt() {
        runner().withUserConfiguration(WithoutParticipant.class).run(context ->
                assertThat(context).hasNotFailed().doesNotHaveBean(Participants.class)
                        .doesNotHaveBean(MessageDispatcher.class).doesNotHaveBean(BatchingConsumer.class)
                        .doesNotHaveBean(Declarables.class).doesNotHaveBean(AdvisoryLocks.class)
                        .doesNotHaveBean(Inbox.class).doesNotHaveBean(Outbox.class));
    }

    @Test
    void theApplicationsOwnAdvisoryLocksReplaceTheKitsAndTakeTheHandlersKeys() {
        runner().withUserConfiguration(WithInventory.class, WithOwnLocks.class).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(AdvisoryLocks.class);
            RecordingLocks locks = context.getBean(RecordingLocks.class);
            UUID order = UUID.randomUUID();

            context.getBean("inventory.dispatcher", MessageDispatcher.class).dispatch(List.of(reserve(order)));

            assertThat(locks.taken).containsExactly(LockKey.of("order", order));
        });
    }

    @Test
    void theApplicationsOwnMeterRegistryReplacesTheKitsAndCountsTheConsumersBatches() {
        runner().withUserConfiguration(WithInventory.class, WithOwnMeters.class).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(MeterRegistry.class).doesNotHaveBean("participantMeters");
            MeterRegistry meters = context.getBean("ownMeters", MeterRegistry.class);
            assertThat(meters.find("saga.consumer.batch.size").tags("participant", "inventory", "queue",
                    "inventory.commands").summary()).isNotNull();
        });
    }

    @Test
    void aDatabaseUrlWithSeveralHostsAndParametersOfItsOwnKeepsTheServiceInItsSchema() {
        // Both hosts are the one database here; what counts is that the URL already carries parameters, as a
        // URL for a primary and its standby does, and the service still works in its own schema.
        String url = services.get("saga.database.url").replaceFirst("//([^/]+)/", "//$1,$1/")
                + "?targetServerType=primary&ApplicationName=multi-host-kit";
        runner().withUserConfiguration(WithInventory.class).withPropertyValues("saga.database.url=" + url)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
                    assertThat(jdbc.queryForObject("SELECT current_schema()", String.class)).isEqualTo("kit");
                    assertThat(jdbc.queryForObject("SELECT current_setting('application_name')", String.class))
                            .isEqualTo("multi-host-kit");
                    assertThat(jdbc.queryForObject("SELECT count(*) FROM information_schema.tables WHERE"
                            + " table_schema = current_schema() AND table_name = 'inbox'", Long.class))
                            .as("the service's tables, migrated into its schema").isEqualTo(1);
                });
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " -> ", value = {
        "saga.consumer.batch-size=0 -> saga.consumer.batch-size must be at least 1, not 0",
        "saga.consumer.concurrency=-2 -> saga.consumer.concurrency must be at least 1, not -2",
        "saga.retry.delays=1s,0s -> saga.retry.delays must be positive: [PT1S, PT0S]"
    })
    void aBadPropertyFailsTheStartNamingThePropertyAndWhatItAllows(String property, String reason,
                                                                   CapturedOutput output) {
        String[] arguments = Stream.concat(Stream.of(RealServices.asArguments(services)),
                Stream.of("--spring.flyway.schemas=kit", "--" + property)).toArray(String[]::new);

        assertThatThrownBy(() -> new SpringApplicationBuilder(WithInventory.class).web(WebApplicationType.NONE)
                .run(arguments).close());

        assertThat(output.getOut()).contains("APPLICATION FAILED TO START").contains(reason);
    }

    private static ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withPropertyValues(services.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .toArray(String[]::new))
                .withPropertyValues("spring.flyway.schemas=kit");
    }

    private static JsonNode brokerQueue(String queue) throws java.io.IOException {
        return new ObjectMapper().readTree(RealServices.management("GET", "/api/queues/"
                + services.get("spring.rabbitmq.virtual-host") + "/" + queue, null));
    }

    /** A ReserveStock as the orchestrator sends it, decoded as the consumer hands it over. */
    private static IncomingMessage reserve(UUID order) {
        UUID messageId = UUID.randomUUID();
        Envelope envelope = Envelope.command(messageId, "inventory.ReserveStock", UUID.randomUUID(),
                "order-fulfilment", "reserve-stock", 1, "order-fulfilment.inventory");
        return new IncomingMessage(envelope, new ReserveStock(order, List.of(new OrderLine("SKU-BOOK", 1))),
                Topology.COMMANDS, "inventory.reserve-stock", new MessageOrigin(null, "inventory.reserve-stock"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class WithInventory {

        @Bean
        MessageContract orderMessages() {
            return Contracts.ORDER_MESSAGES;
        }

        @Bean
        Participant inventory() {
            return Participant.named("inventory")
                    .handles(ReserveStock.class, command -> new StockReserved(command.orderId()),
                            command -> List.of(LockKey.of("order", command.orderId())))
                    .build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class WithoutParticipant {
    }

    @Configuration(proxyBeanMethods = false)
    static class WithOwnLocks {

        @Bean
        RecordingLocks ownLocks(JdbcTemplate jdbc) {
            return new RecordingLocks(jdbc);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class WithOwnMeters {

        @Bean
        MeterRegistry ownMeters() {
            return new SimpleMeterRegistry();
        }
    }

    /** Advisory locks as the kit takes them, remembering every key. */
    static class RecordingLocks extends AdvisoryLocks {

        final Queue<LockKey> taken = new ConcurrentLinkedQueue<>();

        RecordingLocks(JdbcTemplate jdbc) {
            super(jdbc);
        }

        @Override
        public void lock(Collection<LockKey> keys) {
            taken.addAll(keys);
            super.lock(keys);
        }
    }
}
