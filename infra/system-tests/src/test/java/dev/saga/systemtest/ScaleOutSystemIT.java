package dev.saga.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.saga.testbed.SystemTopology;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What "the services scale out as competing consumers" means, on one database and one broker: two orchestrator
 * instances and two instances of every participant share the work, and one saga's effects still happen once.
 */
class ScaleOutSystemIT {

    private static final int ORDERS = 120;

    @Test
    void twoInstancesOfEveryServiceShareTheSagasAndEachEffectHappensOnce() {
        try (RunningSystem system = RunningSystem.start(2, RunningSystem.ALL_PARTICIPANTS)) {
            Map<String, ConfigurableApplicationContext> second = new LinkedHashMap<>();
            for (String participant : SystemTopology.participantNames()) {
                second.put(participant, system.startParticipantInstance(participant));
            }
            Invariants invariants = Invariants.seededFrom(system.database());
            Shop shop = new Shop(system);
            List<UUID> orders = new ArrayList<>();
            for (int i = 0; i < ORDERS; i++) {
                orders.add(shop.placeOrderOfMix(i));
            }

            await().atMost(Duration.ofSeconds(180)).untilAsserted(() -> assertThat(orders).allSatisfy(order ->
                    assertThat(shop.sagaStatus(order)).isIn("COMPLETED", "COMPENSATED")));
            RabbitAdmin admin = new RabbitAdmin(system.rabbit());
            assertThat(admin.getQueueInfo("orchestrator.replies").getConsumerCount())
                    .as("both orchestrators consume replies").isGreaterThanOrEqualTo(2);
            for (String participant : SystemTopology.commandedParticipantNames()) {
                assertThat(batchesHandled(second.get(participant), participant + ".commands"))
                        .as("the second " + participant + " instance handled commands").isPositive();
            }
            invariants.assertAllHold(admin);
        }
    }

    /** How many batches this instance's consumer handed to its handler from {@code queue}. */
    private static long batchesHandled(ConfigurableApplicationContext instance, String queue) {
        DistributionSummary batches = instance.getBean(MeterRegistry.class).find("saga.consumer.batch.size")
                .tag("queue", queue).summary();
        return batches == null ? 0 : batches.count();
    }
}
