package dev.saga.orchestrator.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.saga.messaging.Topology;
import dev.saga.orchestrator.OrchestratorTestBase;
import dev.saga.orchestrator.intake.OrchestratorQueues;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * What an operator's monitoring reads: Prometheus metrics of sagas, the outbox and the parking queues, health
 * with the outbox.
 */
@AutoConfigureObservability(tracing = false)
class MetricsIT extends OrchestratorTestBase {

    @Test
    void countsStartedSagasAndDeadlinesAndShowsTheOutbox() {
        String before = prometheus();
        UUID sagaId = startOrder();
        expireDeadline(sagaId);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String after = prometheus();
            assertThat(counter(after, "saga_started_total{type=\"order-fulfilment\"}"))
                    .isGreaterThan(counter(before, "saga_started_total{type=\"order-fulfilment\"}"));
            assertThat(after)
                    .contains("saga_deadline_fired_total{step=\"reserve-stock\",type=\"order-fulfilment\"}");
        });
        assertThat(prometheus()).contains("saga_outbox_backlog ").contains("saga_outbox_oldest_age_seconds ");
    }

    @Test
    void showsTheDepthOfEachParkingQueue() {
        String parking = Topology.parkingQueue(OrchestratorQueues.REPLIES);
        String sample = "saga_parking_depth_messages{queue=\"" + parking + "\",work_queue=\""
                + OrchestratorQueues.REPLIES + "\"}";
        park(OrchestratorQueues.REPLIES);
        try {
            // The management API's queue statistics lag the queue by a few seconds.
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(counter(prometheus(), sample)).isEqualTo(1.0));
        } finally {
            purge(parking);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(counter(prometheus(), sample)).isZero());
    }

    @Test
    void metricsNeedALoginAndHealthShowsTheOutbox() {
        assertThat(http.getForEntity("/actuator/prometheus", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        ResponseEntity<JsonNode> health = http.getForEntity("/actuator/health", JsonNode.class);
        assertThat(health.getBody().path("components").has("outbox")).isTrue();
        assertThat(health.getBody().path("components").has("rabbit")).isTrue();
    }

    private String prometheus() {
        TestRestTemplate viewer = as(VIEWER);
        ResponseEntity<String> response = viewer.getForEntity("/actuator/prometheus", String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    /** The value of one sample line, 0 when absent. */
    private static double counter(String exposition, String sample) {
        return exposition.lines().filter(line -> line.startsWith(sample + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(sample.length() + 1).trim())).orElse(0.0);
    }
}
