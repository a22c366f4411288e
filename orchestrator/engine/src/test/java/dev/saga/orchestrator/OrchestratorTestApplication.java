package dev.saga.orchestrator;

import dev.saga.contract.Contracts;
import dev.saga.contract.schema.MessageContract;
import dev.saga.definition.SagaDefinition;
import dev.saga.ordercancellation.OrderCancellationSaga;
import dev.saga.orderfulfilment.OrderFulfilmentSaga;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The orchestrator the tests start: the starter's auto-configuration with the two order sagas, as the
 * application module runs them. No component scan, so a test's nested configuration adds only what it declares.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class OrchestratorTestApplication {

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
