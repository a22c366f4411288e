package dev.saga.orchestrator;

import dev.saga.contract.saga.SagaFinished;
import dev.saga.contract.schema.MessageContract;
import dev.saga.definition.SagaDefinition;
import dev.saga.definition.SagaMigration;
import dev.saga.messaging.MessagingConfiguration;
import dev.saga.orchestrator.admin.AdminConfiguration;
import dev.saga.orchestrator.deadletter.DeadLetterConfiguration;
import dev.saga.orchestrator.deadlines.DeadlinesConfiguration;
import dev.saga.orchestrator.deadlines.DeadlineSettings;
import dev.saga.orchestrator.engine.EngineConfiguration;
import dev.saga.orchestrator.engine.SagaCatalog;
import dev.saga.orchestrator.intake.OrchestratorQueues;
import dev.saga.orchestrator.metrics.MetricsConfiguration;
import dev.saga.orchestrator.operations.OperationsConfiguration;
import dev.saga.orchestrator.query.QueryConfiguration;
import dev.saga.orchestrator.retention.RetentionConfiguration;
import dev.saga.orchestrator.versions.VersionsConfiguration;
import dev.saga.web.HttpInput;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.PropertySource;

/**
 * The saga orchestrator in an application: every {@link SagaDefinition} bean is loaded, several versions of a
 * type side by side, with every {@link SagaMigration} bean, and run over RabbitMQ with its state in PostgreSQL
 * (schema {@code orchestrator}, migrated by Flyway). Brings the engine, the intake of starts and replies, the
 * deadline scanner, admission, retention, the admin API with its console, and the metrics.
 *
 * <p>It applies only to an application that declares a definition, so a participant service that has the
 * orchestrator on its class path (a system test's, say) does not become an orchestrator. The defaults in
 * {@code saga-orchestrator.properties} rank below the application's own configuration; they are read even where
 * the condition fails (a property source is read before beans are known), so they hold only what cannot harm a
 * non-orchestrator: a health group naming the outbox stays in the application's configuration.
 */
@AutoConfiguration
@ConditionalOnBean(SagaDefinition.class)
@PropertySource("classpath:saga-orchestrator.properties")
@Import({
    MessagingConfiguration.class, HttpInput.class, EngineConfiguration.class, OrchestratorQueues.class,
    DeadlinesConfiguration.class, OperationsConfiguration.class, QueryConfiguration.class,
    VersionsConfiguration.class, RetentionConfiguration.class, DeadLetterConfiguration.class,
    MetricsConfiguration.class, AdminConfiguration.class
})
public class SagaOrchestratorAutoConfiguration {

    /** The end event the engine publishes for every saga, registered whatever the application's contracts are. */
    @Bean
    MessageContract sagaEndEvents() {
        return MessageContract.of(SagaFinished.class);
    }

    /** The definitions as they run here, with the deadlines of {@code saga.deadlines.*}. */
    @Bean
    @ConditionalOnMissingBean
    SagaCatalog sagaCatalog(List<SagaDefinition<?>> definitions, ObjectProvider<SagaMigration<?, ?>> migrations,
                            DeadlineSettings deadlines) {
        return new SagaCatalog(definitions, migrations.orderedStream().toList(), deadlines.policy());
    }
}
