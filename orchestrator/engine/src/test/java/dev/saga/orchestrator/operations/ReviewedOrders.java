package dev.saga.orchestrator.operations;

import dev.saga.contract.order.ApproveOrder;
import dev.saga.contract.order.OrderApproved;
import dev.saga.contract.order.OrderCreated;
import dev.saga.contract.order.OrderRejected;
import dev.saga.contract.order.RejectOrder;
import dev.saga.definition.SagaDefinition;
import dev.saga.orderfulfilment.OrderFulfilmentData;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * A saga that holds every order for an operator's review before approving it: its first forward step waits for the
 * signal {@code approve} or {@code reject}, with the reviewer's note. Started over the admin API only (the broker's
 * {@code OrderCreated} starts order-fulfilment, the first type by name).
 */
@TestConfiguration(proxyBeanMethods = false)
public class ReviewedOrders {

    public static final String TYPE = "order-review";

    /** The reviewer's note: who reviewed, and (at most 200 characters) why. */
    public record ReviewNote(String reviewer, @Size(max = 200) String note) {
    }

    public static final SagaDefinition<OrderFulfilmentData> DEFINITION = SagaDefinition
            .builder(TYPE, 1, OrderFulfilmentData.class)
            .startedBy(OrderCreated.class, OrderCreated::orderId, OrderFulfilmentData::from)
            .step("create-order").participant("order")
                .compensateWith(RejectOrder.class, data -> new RejectOrder(data.orderId(), data.rejectionReason()),
                        OrderRejected.class)
            .step("review").participant("operator")
                .succeedsOnSignal("approve", ReviewNote.class, (data, note) -> data)
                .failsOnSignal("reject", ReviewNote.class, (data, note) -> data.rejectedBecause(note.note()))
                .waitsAtMost(Duration.ofHours(1), false)
            .step("approve-order").participant("order")
                .invoke(ApproveOrder.class, data -> new ApproveOrder(data.orderId()))
                .onSuccess(OrderApproved.class)
                .retriable()
            .build();

    @Bean
    SagaDefinition<?> reviewedOrders() {
        return DEFINITION;
    }
}
