package dev.saga.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.saga.orchestrator.app.OrchestratorApplication;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitAdmin;

/**
 * A new saga definition version deployed while sagas run: the orchestrator process of release 1 (version 1
 * only) is stopped with sagas waiting on shipping, release 2 (versions 1 and 2) starts in its place. The waiting
 * sagas finish on version 1, shipping included; new ones start on version 2, which ships nothing.
 */
class DefinitionVersionsSystemIT {

    @Test
    void sagasStartedOnVersion1FinishOnVersion1AfterVersion2IsDeployedMidFlight() {
        try (RunningSystem system = RunningSystem.start(0, RunningSystem.ALL_PARTICIPANTS)) {
            Invariants invariants = Invariants.seededFrom(system.database());
            Shop shop = new Shop(system);
            system.pauseConsumer("shipping");
            List<UUID> startedOnRelease1 = new ArrayList<>();
            try (JavaProcess release1 = JavaProcess.start("orchestrator-release-1", OrchestratorApplication.class,
                    system.orchestratorArguments())) {
                for (int i = 0; i < 4; i++) {
                    startedOnRelease1.add(shop.placeOrder("alice", "SKU-BOOK", 1));
                }
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(startedOnRelease1)
                        .allSatisfy(order -> assertThat(stateOf(system, order)).isEqualTo("schedule-shipment")));
                release1.kill();
            }

            try (JavaProcess release2 = JavaProcess.start("orchestrator-release-2", OrchestratorRelease2.class,
                    system.orchestratorArguments())) {
                List<UUID> startedOnRelease2 = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    startedOnRelease2.add(shop.placeOrder("carol", "SKU-MUG", 1));
                }
                for (UUID order : startedOnRelease2) {
                    shop.awaitSaga(order, "COMPLETED");
                }
                assertThat(startedOnRelease1).as("still waiting for shipping, on version 1")
                        .allSatisfy(order -> assertThat(stateOf(system, order)).isEqualTo("schedule-shipment"));

                system.resumeConsumer("shipping");
                for (UUID order : startedOnRelease1) {
                    shop.awaitSaga(order, "COMPLETED");
                    assertThat(versionOf(shop, order)).isEqualTo("1");
                    assertThat(shop.timeline(order, "COMMAND_SENT")).contains("shipping.ScheduleShipment");
                }
                for (UUID order : startedOnRelease2) {
                    assertThat(versionOf(shop, order)).isEqualTo("2");
                    assertThat(shop.timeline(order, "COMMAND_SENT")).doesNotContain("shipping.ScheduleShipment")
                            .endsWith("order.ApproveOrder");
                }
                assertThat(release2.isAlive()).isTrue();
                invariants.assertAllHold(new RabbitAdmin(system.rabbit()));
            }
        }
    }

    /** The saga's state, or null before it started. */
    private static String stateOf(RunningSystem system, UUID order) {
        return system.database().queryForList("SELECT machine_state FROM orchestrator.saga WHERE business_key = ?",
                String.class, order.toString()).stream().findFirst().orElse(null);
    }

    private static String versionOf(Shop shop, UUID order) {
        return shop.scalar("SELECT definition_version::text FROM orchestrator.saga WHERE business_key = ?",
                order.toString());
    }
}
