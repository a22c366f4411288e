package dev.saga.orchestrator.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.saga.messaging.Envelope;
import dev.saga.messaging.IncomingMessage;
import dev.saga.messaging.MessageOrigin;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The admission gate counts a batch's starts one by one: a large batch never takes the count past the limit. */
class SagaAdmissionTest {

    private final AtomicInteger inFlight = new AtomicInteger();
    private final List<Integer> handledBatches = new CopyOnWriteArrayList<>();
    private final AtomicInteger mostInFlight = new AtomicInteger();

    @Test
    void admitsAsManyStartsOfABatchAsThereIsRoomForAndTheRestAsSagasFinish() throws InterruptedException {
        inFlight.set(1);
        SagaAdmission admission = new SagaAdmission(inFlight::get, new AdmissionSettings(3, Duration.ofMillis(1)),
                new SimpleMeterRegistry());
        Thread consumer = new Thread(() -> admission.gate(this::start, () -> true).handle(starts(5)));
        consumer.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> handledBatches.size() == 1);
        assertThat(handledBatches).as("room for two beside the one in flight").containsExactly(2);

        inFlight.set(0);
        consumer.join(Duration.ofSeconds(10).toMillis());

        assertThat(handledBatches).containsExactly(2, 3);
        assertThat(mostInFlight.get()).as("never past the limit").isLessThanOrEqualTo(3);
    }

    @Test
    void withoutALimitTheWholeBatchGoesAtOnce() {
        SagaAdmission admission = new SagaAdmission(inFlight::get, new AdmissionSettings(0, Duration.ofMillis(1)),
                new SimpleMeterRegistry());

        admission.gate(this::start, () -> true).handle(starts(5));

        assertThat(handledBatches).containsExactly(5);
    }

    /** Starting sagas puts them in flight. */
    private void start(List<IncomingMessage> batch) {
        mostInFlight.accumulateAndGet(inFlight.addAndGet(batch.size()), Math::max);
        handledBatches.add(batch.size());
    }

    private static List<IncomingMessage> starts(int count) {
        return IntStream.range(0, count).mapToObj(i -> new IncomingMessage(Envelope.event("order.OrderCreated"),
                "order " + i, "saga.events", "order.created", new MessageOrigin("order", "order.created"))).toList();
    }
}
