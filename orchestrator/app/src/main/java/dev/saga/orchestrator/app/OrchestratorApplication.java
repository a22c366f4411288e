package dev.saga.orchestrator.app;

import dev.saga.contract.Contracts;
import dev.saga.contract.schema.MessageContract;
import dev.saga.definition.SagaDefinition;
import dev.saga.ordercancellation.OrderCancellationSaga;
import dev.saga.orderfulfilment.OrderFulfilmentSaga;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * This repository's orchestrator: the orchestrator starter running the two order sagas. Everything else comes
 * from the starter; an adopter's own orchestrator looks the same with its own definitions.
 */
@SpringBootApplication
public class OrchestratorApplication {

    public static void main(String[] args) {
        SpringApplication.run(OrchestratorApplication.class, args);
    }

    /** The order sagas' messages: every type their definitions name must be registered. */
    @Bean
    MessageContract orderMessages() {
        return Contracts.ORDER_MESSAGES;
    }

    @Bean
    SagaDefinition<?> orderFulfilmentSaga() {
        return OrderFulfilmentSaga.DEFINITION;
    }

    @Bean
    SagaDefinition<?> orderCancellationSaga() {
        return OrderCancellationSaga.DEFINITION;
    }
}
