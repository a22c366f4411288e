package dev.saga.test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.saga.contract.inventory.ReleaseStock;
import dev.saga.contract.inventory.ReserveStock;
import dev.saga.contract.inventory.StockReserved;
import dev.saga.contract.order.OrderCreated;
import dev.saga.contract.order.OrderLine;
import dev.saga.contract.payment.AuthorizePayment;
import dev.saga.orchestrator.engine.plan.SagaStatus;
import dev.saga.orderfulfilment.OrderFulfilmentData;
import dev.saga.orderfulfilment.OrderFulfilmentSaga;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The kit fails a test whose saga does something else than the test says, naming what it did. */
class SagaTestKitTest {

    private final UUID orderId = UUID.randomUUID();
    private final SagaTestKit<OrderFulfilmentData> saga = SagaTestKit.of(OrderFulfilmentSaga.DEFINITION)
            .start(new OrderCreated(orderId, "alice", List.of(new OrderLine("SKU-BOOK", 1)), 2500));

    @Test
    void anotherCommandThanExpectedFailsNamingTheOneSent() {
        assertThatThrownBy(() -> saga.expectCommand(AuthorizePayment.class))
                .isInstanceOf(AssertionError.class).hasMessageContaining("ReserveStock");
    }

    @Test
    void aCommandIsNotACompensation() {
        assertThatThrownBy(() -> saga.expectCompensation(ReserveStock.class))
                .isInstanceOf(AssertionError.class).hasMessageContaining("COMPENSATING");
    }

    @Test
    void expectingMoreThanWasSentFailsWithWhereTheSagaStands() {
        saga.expectCommand(ReserveStock.class);

        assertThatThrownBy(() -> saga.expectCompensation(ReleaseStock.class))
                .isInstanceOf(AssertionError.class).hasMessageContaining("sent nothing more")
                .hasMessageContaining("RUNNING at reserve-stock");
    }

    @Test
    void aReplyThatMovedTheSagaOnIsNotIgnored() {
        saga.expectCommand(ReserveStock.class).reply(new StockReserved(orderId));

        assertThatThrownBy(saga::expectReplyIgnored).isInstanceOf(AssertionError.class)
                .hasMessageContaining("REPLY_APPLIED");
    }

    @Test
    void theWrongStatusFailsNamingTheStatusAndState() {
        assertThatThrownBy(() -> saga.expectStatus(SagaStatus.COMPLETED)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("reserve-stock").hasMessageContaining("RUNNING");
    }

    @Test
    void theKitFollowsOneSaga() {
        assertThatThrownBy(() -> saga.start(new OrderCreated(UUID.randomUUID(), "bob",
                List.of(new OrderLine("SKU-BOOK", 1)), 2500))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("a kit per saga");
    }
}
