package dev.saga.participant.order;

import dev.saga.contract.order.ApproveOrder;
import dev.saga.contract.order.ConfirmCancellation;
import dev.saga.contract.order.RejectOrder;
import dev.saga.contract.order.RestoreOrder;
import dev.saga.participant.kit.Participant;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The commands the sagas send the order service: the last word on an order, and on its cancellation. */
@Configuration(proxyBeanMethods = false)
class OrderParticipant {

    @Bean
    Participant participant(OrderDecisions decisions) {
        return Participant.named("order")
                .handles(ApproveOrder.class, decisions::approve,
                        command -> OrderDecisions.locks(command.orderId()))
                .handles(RejectOrder.class, decisions::reject,
                        command -> OrderDecisions.locks(command.orderId()))
                .handles(RestoreOrder.class, decisions::restore,
                        command -> OrderDecisions.locks(command.orderId()))
                .handles(ConfirmCancellation.class, decisions::confirmCancellation,
                        command -> OrderDecisions.locks(command.orderId()))
                .build();
    }
}
