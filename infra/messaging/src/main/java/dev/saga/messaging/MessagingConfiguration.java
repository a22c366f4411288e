package dev.saga.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.saga.contract.schema.MessageContract;
import dev.saga.contract.schema.ReleasedSchemas;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import javax.sql.DataSource;
import org.springframework.amqp.rabbit.connection.AbstractConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.amqp.RabbitProperties;
import org.springframework.boot.autoconfigure.amqp.RabbitTemplateCustomizer;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationInitializer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The messaging parts every process shares: codec, the check of the shared exchanges, outbox and relay, inbox,
 * retries and parking. Import it into a service's configuration; {@code messaging.properties} sets confirms and
 * returns on.
 */
@Configuration(proxyBeanMethods = false)
@PropertySource("classpath:messaging.properties")
@EnableConfigurationProperties({OutboxSettings.class, ConsumerSettings.class, RetrySettings.class})
public class MessagingConfiguration {

    /** Static: a bean factory post-processor runs before the configuration's other beans exist. */
    @Bean
    static BrokerPasswordCheck brokerPasswordCheck() {
        return new BrokerPasswordCheck();
    }

    /**
     * The message types this process may send and read: every {@link MessageContract} bean the application
     * declares, merged. The library registers none of its own; a type nobody registered fails the start-up of the
     * orchestrator or participant that uses it, and a registered type without its stored schema fails it here.
     */
    @Bean
    MessageRegistry messageRegistry(ObjectProvider<MessageContract> contributions) {
        return MessageRegistry.of(contributions.orderedStream().toList(), ReleasedSchemas.onClasspath());
    }

    /** This process's broker user: what its messages carry as {@code user_id}, which RabbitMQ checks. */
    @Bean
    SenderIdentity senderIdentity(RabbitProperties rabbit) {
        return new SenderIdentity(rabbit.determineUsername());
    }

    /**
     * Every publish of the service's RabbitTemplate (outbox relay, retries, parking, replays) carries the
     * service's own broker user as {@code user_id}, a copy of someone else's message included: RabbitMQ refuses
     * any other, and receivers tell the sender by it.
     */
    @Bean
    RabbitTemplateCustomizer publishAsOwnBrokerUser(SenderIdentity identity) {
        return template -> template.addBeforePublishPostProcessors(identity::stamp);
    }

    @Bean
    EnvelopeCodec envelopeCodec(ObjectMapper json, MessageRegistry registry, SenderIdentity identity) {
        return new EnvelopeCodec(json, registry, identity);
    }

    /**
     * Every connection factory checks the saga exchanges on each new connection. A post-processor registers the
     * check when the factory is built, before the admin that declares the service's queues exists, so the check
     * always runs first.
     */
    @Bean
    static BeanPostProcessor sagaExchangeCheckOnEveryConnection() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof AbstractConnectionFactory factory) {
                    factory.addConnectionListener(new SagaExchangeCheck(factory.getVirtualHost()));
                }
                return bean;
            }
        };
    }

    /** Connects once all beans exist and before anything starts, so a missing exchange stops the start-up. */
    @Bean
    SmartInitializingSingleton sagaExchangesAtStartup(ConnectionFactory connections) {
        return () -> SagaExchangeCheck.atStartup(connections);
    }

    /** Runs after the service's own migrations, which expect to find their schema empty the first time. */
    @Bean
    MessagingSchema messagingSchema(DataSource dataSource, @Value("${spring.flyway.schemas}") String schema,
                                    ObjectProvider<FlywayMigrationInitializer> serviceMigrations) {
        serviceMigrations.ifAvailable(migrations -> { });
        return new MessagingSchema(dataSource, schema);
    }

    @Bean
    OutboxRelay outboxRelay(JdbcTemplate jdbc, TransactionTemplate transaction, RabbitTemplate rabbit,
                            EnvelopeCodec codec, OutboxSettings settings, MessagingSchema schemaReady) {
        return new OutboxRelay(jdbc, transaction, rabbit, codec, settings);
    }

    /** With tracing off (or absent), messages still flow; they just carry no new trace context. */
    @Bean
    MessageTracing messageTracing(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        return new MessageTracing(tracer.getIfAvailable(() -> Tracer.NOOP),
                propagator.getIfAvailable(() -> Propagator.NOOP));
    }

    @Bean
    Outbox outbox(JdbcTemplate jdbc, EnvelopeCodec codec, MessageTracing tracing, OutboxRelay relay) {
        return new Outbox(jdbc, codec, tracing, relay);
    }

    @Bean
    Inbox inbox(JdbcTemplate jdbc, EnvelopeCodec codec) {
        return new Inbox(jdbc, codec);
    }

    @Bean
    ParkingLot parkingLot(RabbitTemplate rabbit, SenderIdentity identity) {
        return new ParkingLot(rabbit, identity);
    }

    @Bean
    FailureRouter failureRouter(RabbitTemplate rabbit, ParkingLot parking, RetrySettings retry) {
        return new FailureRouter(rabbit, parking, retry);
    }
}
