package dev.saga.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.saga.systemtest.OtlpReceiver.ReceivedSpan;
import dev.saga.testbed.SystemTopology;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * One trace per order: the order request's span is the root, and the orchestrator's and every participant's
 * spans hang below it, carried by the {@code traceparent} header of each message. The services export to
 * an OTLP receiver the test reads.
 */
@ExtendWith(OutputCaptureExtension.class)
class TracingSystemIT {

    private static final OtlpReceiver TRACES = OtlpReceiver.start();

    @RegisterExtension
    static final SystemUnderTest SUT = new SystemUnderTest(() -> RunningSystem.start(
            "--management.otlp.tracing.endpoint=" + TRACES.endpoint(), "--saga.deadlines.timeout-override=2s",
            "--saga.deadlines.attempts-override=5", "--saga.deadlines.scan-interval=200ms"));

    @AfterAll
    static void stopReceiver() {
        TRACES.close();
    }

    @Test
    void oneTraceRunsFromTheOrderRequestThroughTheOrchestratorAndEveryParticipant(CapturedOutput output) {
        UUID order = SUT.shop().placeOrder("alice", "SKU-BOOK", 1);
        SUT.shop().awaitSaga(order, "COMPLETED");
        String sagaId = SUT.shop().scalar("SELECT id::text FROM orchestrator.saga WHERE business_key = ?",
                order.toString());

        // Spans arrive in batches, every 5 s from each service: wait until the whole trace is in.
        String traceId = await().atMost(Duration.ofSeconds(30))
                .until(() -> traceIdsOfSaga(sagaId), ids -> !ids.isEmpty()).iterator().next();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<ReceivedSpan> trace = spansOf(traceId);
            assertThat(traceIdsOfSaga(sagaId)).as("every span of the saga is in one trace").containsExactly(traceId);
            assertThat(servicesOf(trace)).containsExactlyInAnyOrderElementsOf(SystemTopology.serviceNames());
            assertThat(trace).filteredOn(ReceivedSpan::isRoot).singleElement().satisfies(root -> {
                assertThat(root.service()).isEqualTo("order");
                assertThat(root.name()).contains("/orders");
            });
            Set<String> spanIds = trace.stream().map(ReceivedSpan::spanId).collect(Collectors.toSet());
            assertThat(trace).filteredOn(span -> !span.isRoot()).as("every span's parent is in the same trace")
                    .allSatisfy(span -> assertThat(spanIds).contains(span.parentSpanId()));
            assertThat(trace).filteredOn(span -> span.service().equals("orchestrator")).extracting(ReceivedSpan::name)
                    .contains("handle order.OrderCreated", "handle inventory.StockReserved");
            assertThat(trace).filteredOn(span -> span.service().equals("shipping")).extracting(ReceivedSpan::name)
                    .contains("handle shipping.ScheduleShipment");
        });

        assertThat(output.getAll().lines()
                .filter(line -> line.contains("Order " + order + " approved")))
                .as("the log line names the trace and the saga").singleElement().satisfies(line ->
                        assertThat(line).contains(traceId).contains("saga=" + sagaId));
    }

    @Test
    void aCommandResentByADeadlineStaysInTheSagasTrace() {
        SUT.system().pauseConsumer("payment");
        UUID order = SUT.shop().placeOrder("carol", "SKU-MUG", 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> SUT.shop().timelineKinds(order).contains("DEADLINE_FIRED"));
        SUT.system().resumeConsumer("payment");
        SUT.shop().awaitSaga(order, "COMPLETED");
        String sagaId = SUT.shop().scalar("SELECT id::text FROM orchestrator.saga WHERE business_key = ?",
                order.toString());

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(traceIdsOfSaga(sagaId)).as("one trace").hasSize(1);
            List<ReceivedSpan> trace = spansOf(traceIdsOfSaga(sagaId).iterator().next());
            Set<String> deadlineSpans = trace.stream().filter(span -> span.name().equals("deadline"))
                    .map(ReceivedSpan::spanId).collect(Collectors.toSet());
            assertThat(deadlineSpans).isNotEmpty();
            assertThat(trace).as("the resent command is handled below the deadline that resent it")
                    .anySatisfy(span -> {
                        assertThat(span.name()).isEqualTo("handle payment.AuthorizePayment");
                        assertThat(deadlineSpans).contains(span.parentSpanId());
                    });
        });
    }

    private static Set<String> traceIdsOfSaga(String sagaId) {
        return TRACES.spans().stream().filter(span -> sagaId.equals(span.attributes().get("saga.id")))
                .map(ReceivedSpan::traceId).collect(Collectors.toSet());
    }

    private static List<ReceivedSpan> spansOf(String traceId) {
        return TRACES.spans().stream().filter(span -> span.traceId().equals(traceId)).toList();
    }

    private static Set<String> servicesOf(List<ReceivedSpan> spans) {
        return spans.stream().map(ReceivedSpan::service).collect(Collectors.toSet());
    }
}
