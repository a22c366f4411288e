package dev.saga.orchestrator.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.saga.contract.inventory.StockUnavailable;
import dev.saga.contract.order.OrderRejected;
import dev.saga.messaging.Topology;
import dev.saga.orchestrator.OrchestratorTestBase;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * With at most two sagas in flight, further starts wait in {@code orchestrator.saga-starts} and start one by one
 * as sagas finish; none is lost or started twice. No participant runs: the test answers for them.
 */
@TestPropertySource(properties = "saga.admission.max-in-flight=2")
class SagaAdmissionIT extends OrchestratorTestBase {

    @Autowired
    private MeterRegistry meters;
    @Autowired
    private AmqpAdmin amqp;

    @Test
    void startsWaitInTheirQueueWhileTheLimitIsInFlightAndStartOneByOneAsSagasFinish() {
        List<UUID> orders = Stream.generate(UUID::randomUUID).limit(5).toList();
        orders.forEach(this::publishOrderCreated);

        await().atMost(Duration.ofSeconds(20)).until(() -> waitingStarts() >= 1 && sagaCount() == 2);
        assertThat(inFlight()).hasSize(2);

        for (int started = 2; started < orders.size(); started++) {
            compensate(inFlight().get(0));
            int next = started + 1;
            await().atMost(Duration.ofSeconds(20)).until(() -> sagaCount() == next);
            assertThat(inFlight()).as("in flight once saga %d started", next).hasSize(2);
        }
        inFlight().forEach(this::compensate);

        assertThat(jdbc.queryForList("SELECT business_key FROM saga WHERE status = 'COMPENSATED'", String.class))
                .containsExactlyInAnyOrderElementsOf(orders.stream().map(UUID::toString).toList());
        assertThat(meters.counter("saga.admission.held").count()).isGreaterThanOrEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> waitingStarts() == 0);
        assertThat(amqp.getQueueInfo(OrchestratorQueues.SAGA_STARTS).getMessageCount()).isZero();
        assertThat(amqp.getQueueInfo(Topology.parkingQueue(OrchestratorQueues.SAGA_STARTS)).getMessageCount()).isZero();
    }

    /** Ends a saga waiting at reserve-stock as its participants would: stock unavailable, the order rejected. */
    private void compensate(UUID sagaId) {
        UUID orderId = UUID.fromString(sagas.find(sagaId).orElseThrow().businessKey());
        reply(sagaId, new StockUnavailable(orderId, "SKU-BOOK", "out of stock"));
        reply(sagaId, new OrderRejected(orderId));
        assertThat(sagas.find(sagaId).orElseThrow().status().name()).isEqualTo("COMPENSATED");
    }

    private List<UUID> inFlight() {
        return jdbc.queryForList("SELECT id FROM saga WHERE status IN ('RUNNING', 'COMPENSATING') ORDER BY id",
                UUID.class);
    }

    private int sagaCount() {
        return jdbc.queryForObject("SELECT count(*) FROM saga", Integer.class);
    }

    private double waitingStarts() {
        return meters.get("saga.admission.waiting").gauge().value();
    }
}
