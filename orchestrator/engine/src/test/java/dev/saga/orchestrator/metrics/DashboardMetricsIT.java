package dev.saga.orchestrator.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.saga.contract.inventory.StockUnavailable;
import dev.saga.contract.order.OrderRejected;
import dev.saga.messaging.Topology;
import dev.saga.orchestrator.OrchestratorTestBase;
import dev.saga.orchestrator.engine.plan.SagaStatus;
import dev.saga.orchestrator.intake.OrchestratorQueues;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The operator's Grafana dashboard reads only metrics the orchestrator exports. Some appear only once they were
 * first counted, so the test first drives what every panel shows: a completed saga, a compensated one, a
 * deadline that fires (and leaves its saga stuck past the pivot) and a parked message.
 */
@AutoConfigureObservability(tracing = false)
class DashboardMetricsIT extends OrchestratorTestBase {

    @Test
    void everyMetricTheDashboardQueriesIsExported() {
        Set<String> queried = DashboardQueries.expressions(DashboardQueries.dashboard()).stream()
                .flatMap(expression -> DashboardQueries.metricNames(expression).stream())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(queried).as("metrics the dashboard queries").hasSizeGreaterThan(5);

        sagaAt("COMPLETED");
        compensatedSaga();
        UUID stuck = sagaAt("schedule-shipment");
        expireDeadline(stuck);
        String parking = Topology.parkingQueue(OrchestratorQueues.REPLIES);
        park(OrchestratorQueues.REPLIES);
        try {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(sagas.find(stuck).orElseThrow().status()).isEqualTo(SagaStatus.STUCK));
            // The parking depths come from the management API, whose statistics lag the queue by a few seconds.
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                String scrape = prometheus();
                assertThat(scrape.lines()).as("a parked message counted")
                        .anyMatch(line -> line.startsWith("saga_parking_depth_messages{queue=\"" + parking + "\"")
                                && !line.endsWith(" 0.0"));
                assertThat(sampleNames(scrape)).as("exported metrics").containsAll(queried);
            });
        } finally {
            purge(parking);
        }
    }

    private void compensatedSaga() {
        UUID orderId = UUID.randomUUID();
        UUID sagaId = startOrder(orderId);
        reply(sagaId, new StockUnavailable(orderId, "SKU-BOOK", "none left"));
        reply(sagaId, new OrderRejected(orderId));
        assertThat(sagas.find(sagaId).orElseThrow().status()).isEqualTo(SagaStatus.COMPENSATED);
    }

    private String prometheus() {
        ResponseEntity<String> scrape = as(VIEWER).getForEntity("/actuator/prometheus", String.class);
        assertThat(scrape.getStatusCode()).isEqualTo(HttpStatus.OK);
        return scrape.getBody();
    }

    /** The metric name of every sample line of a scrape. */
    private static Set<String> sampleNames(String scrape) {
        return scrape.lines().filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> line.split("[{ ]", 2)[0]).collect(Collectors.toCollection(TreeSet::new));
    }
}
