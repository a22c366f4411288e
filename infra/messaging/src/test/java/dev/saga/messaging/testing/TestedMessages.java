package dev.saga.messaging.testing;

import dev.saga.contract.inventory.StockReserved;
import dev.saga.contract.order.ApproveOrder;
import dev.saga.contract.order.OrderCreated;
import dev.saga.contract.saga.SagaFinished;
import dev.saga.contract.schema.MessageContract;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The message types the messaging tests send, contributed as an application contributes its own. */
@Configuration(proxyBeanMethods = false)
public class TestedMessages {

    @Bean
    MessageContract testedMessages() {
        return MessageContract.of(ApproveOrder.class, StockReserved.class, OrderCreated.class, SagaFinished.class);
    }
}
