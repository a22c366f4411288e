package dev.saga.orchestrator;

import dev.saga.definition.SagaDefinition;
import dev.saga.definition.SagaMigration;
import dev.saga.messaging.MessagingConfiguration;
import dev.saga.orchestrator.deadlines.DeadlineSettings;
import dev.saga.orchestrator.engine.SagaCatalog;
import dev.saga.ordercancellation.OrderCancellationSaga;
import dev.saga.orderfulfilment.OrderFulfilmentSaga;
import dev.saga.web.HttpInput;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** The saga orchestrator: runs every loaded saga definition over RabbitMQ, persisted in PostgreSQL. */
@SpringBootApplication
@Import({MessagingConfiguration.class, HttpInput.class})
@EnableConfigurationProperties(DeadlineSettings.class)
public class OrchestratorApplication {

    public static void main(String[] args) {
        SpringApplication.run(OrchestratorApplication.class, args);
    }

    @Bean
    SagaDefinition<?> orderFulfilmentSaga() {
        return OrderFulfilmentSaga.DEFINITION;
    }

    @Bean
    SagaDefinition<?> orderCancellationSaga() {
        return OrderCancellationSaga.DEFINITION;
    }

    /**
     * Every definition bean is loaded, several versions of a type side by side, with the declared migrations and
     * the deadlines as they run here.
     */
    @Bean
    SagaCatalog sagaCatalog(List<SagaDefinition<?>> definitions, ObjectProvider<SagaMigration<?, ?>> migrations,
                            DeadlineSettings deadlines) {
        return new SagaCatalog(definitions, migrations.orderedStream().toList(), deadlines.policy());
    }
}
