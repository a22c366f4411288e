package dev.saga.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.saga.orchestrator.app.OrchestratorApplication;
import dev.saga.participant.launcher.ParticipantsLauncher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitAdmin;

/** Real processes killed with SIGKILL in the middle of their work; nothing is lost, nothing happens twice. */
class ProcessCrashSystemIT {

    @Test
    void anOrchestratorKilledBetweenCommitAndPublishLosesNothing() {
        try (RunningSystem system = RunningSystem.start(0, RunningSystem.ALL_PARTICIPANTS)) {
            Invariants invariants = Invariants.seededFrom(system.database());
            Shop shop = new Shop(system);
            UUID order;
            try (JavaProcess withoutRelay = JavaProcess.start("orchestrator-no-relay", OrchestratorApplication.class,
                    system.orchestratorArguments("--saga.outbox.enabled=false"))) {
                order = shop.placeOrder("alice", "SKU-BOOK", 1);
                await().atMost(Duration.ofSeconds(20)).until(() -> count(system,
                        "SELECT count(*) FROM orchestrator.outbox WHERE routing_key = 'inventory.reserve-stock'") == 1);
                assertThat(shop.sagaStatus(order)).isEqualTo("RUNNING");
                withoutRelay.kill();
            }
            assertThat(count(system, "SELECT count(*) FROM inventory.inbox")).as("nothing was published").isZero();

            try (JavaProcess restarted = JavaProcess.start("orchestrator", OrchestratorApplication.class,
                    system.orchestratorArguments())) {
                shop.awaitSaga(order, "COMPLETED");
                assertThat(restarted.isAlive()).isTrue();
                assertThat(count(system, "SELECT count(*) FROM inventory.inbox WHERE message_type ="
                        + " 'inventory.ReserveStock'")).as("the participant saw the command once").isEqualTo(1);
                invariants.assertAllHold(new RabbitAdmin(system.rabbit()));
            }
        }
    }

    /**
     * Order-fulfilment v2 with payment not yet running: every saga's group {@code prepare} has its stock branch
     * answered (reserved, or unavailable for {@code SKU-RARE}) and its payment branch open when the orchestrator
     * is killed. After payment and a new orchestrator start, the open groups close from the saga rows: the
     * reserved ones complete, the unavailable ones void the authorization that came after the kill.
     */
    @Test
    void anOrchestratorKilledWhileGroupsAreOpenFinishesEverySagaOnce() {
        String[] version2 = {"--order-fulfilment.v2.enabled=true", "--order-fulfilment.v2.capture-delay=1s"};
        try (RunningSystem system = RunningSystem.start(0, RunningSystem.allParticipantsBut("payment"))) {
            Invariants invariants;
            try (JavaProcess payment = JavaProcess.start("payment", ParticipantsLauncher.class,
                    system.participantArguments("payment", "--services=payment"))) {
                invariants = Invariants.seededFrom(system.database());
                payment.kill();
            }
            Shop shop = new Shop(system);
            List<UUID> completing = new ArrayList<>();
            List<UUID> unavailable = new ArrayList<>();
            try (JavaProcess orchestrator = JavaProcess.start("orchestrator-v2", OrchestratorApplication.class,
                    system.orchestratorArguments(version2))) {
                for (int i = 0; i < 20; i++) {
                    (i % 5 == 0 ? unavailable : completing).add(shop.placeOrder("carol",
                            i % 5 == 0 ? "SKU-RARE" : "SKU-MUG", 1));
                }
                await("every group has its stock answer and waits for payment").atMost(Duration.ofSeconds(60))
                        .until(() -> count(system, """
                                SELECT count(*) FROM orchestrator.saga WHERE machine_state = 'prepare'
                                  AND branches -> 'reserve-stock' ->> 'status' IN ('SUCCEEDED', 'FAILED')
                                  AND branches -> 'authorize-payment' ->> 'status' = 'PENDING'""") == 20);
                orchestrator.kill();
            }
            try (JavaProcess payment = JavaProcess.start("payment", ParticipantsLauncher.class,
                    system.participantArguments("payment", "--services=payment"));
                 JavaProcess restarted = JavaProcess.start("orchestrator-v2", OrchestratorApplication.class,
                         system.orchestratorArguments(version2))) {
                await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                    assertThat(completing).allSatisfy(order ->
                            assertThat(shop.sagaStatus(order)).isEqualTo("COMPLETED"));
                    assertThat(unavailable).allSatisfy(order ->
                            assertThat(shop.sagaStatus(order)).isEqualTo("COMPENSATED"));
                });
                assertThat(restarted.isAlive()).isTrue();
                assertThat(count(system, "SELECT count(*) FROM payment.inbox WHERE message_type ="
                        + " 'payment.AuthorizePayment'")).as("each payment branch's command handled once")
                        .isEqualTo(20);
                assertThat(count(system, "SELECT count(*) FROM payment.inbox WHERE message_type ="
                        + " 'payment.VoidPayment'")).as("the authorizations of the failed groups voided")
                        .isEqualTo(unavailable.size());
                invariants.assertAllHold(new RabbitAdmin(system.rabbit()));
            }
        }
    }

    /**
     * Order-fulfilment v2's delayed capture is only a timer row while it waits: an orchestrator killed then sends
     * nothing, and a new one captures each payment once from the rows it finds.
     */
    @Test
    void aDelayedCaptureWaitingWhenTheOrchestratorIsKilledIsSentOnceByTheNextOne() {
        String[] version2 = {"--order-fulfilment.v2.enabled=true", "--order-fulfilment.v2.capture-delay=8s"};
        try (RunningSystem system = RunningSystem.start(0, RunningSystem.ALL_PARTICIPANTS)) {
            Invariants invariants = Invariants.seededFrom(system.database());
            Shop shop = new Shop(system);
            List<UUID> orders = new ArrayList<>();
            try (JavaProcess orchestrator = JavaProcess.start("orchestrator-v2", OrchestratorApplication.class,
                    system.orchestratorArguments(version2))) {
                for (int i = 0; i < 5; i++) {
                    orders.add(shop.placeOrder("carol", "SKU-MUG", 1));
                }
                await("every capture waits in its timer row").atMost(Duration.ofSeconds(30)).until(() -> count(system,
                        "SELECT count(*) FROM orchestrator.saga_timer WHERE timer_kind = 'STEP_DELAY'") == 5);
                orchestrator.kill();
            }
            assertThat(count(system, "SELECT count(*) FROM payment.inbox WHERE message_type ="
                    + " 'payment.CapturePayment'")).as("no capture before its delay").isZero();
            try (JavaProcess restarted = JavaProcess.start("orchestrator-v2", OrchestratorApplication.class,
                    system.orchestratorArguments(version2))) {
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(orders).allSatisfy(order ->
                        assertThat(shop.sagaStatus(order)).isEqualTo("COMPLETED")));
                assertThat(count(system, "SELECT count(*) FROM payment.inbox WHERE message_type ="
                        + " 'payment.CapturePayment'")).as("each delayed capture sent once").isEqualTo(5);
                invariants.assertAllHold(new RabbitAdmin(system.rabbit()));
            }
        }
    }

    @Test
    void aParticipantKilledMidBatchFinishesEverySagaAfterItsRestart() {
        try (RunningSystem system = RunningSystem.start(1, RunningSystem.allParticipantsBut("payment"))) {
            Shop shop = new Shop(system);
            List<UUID> orders = new ArrayList<>();
            Invariants invariants;
            try (JavaProcess payment = JavaProcess.start("payment", ParticipantsLauncher.class,
                    system.participantArguments("payment", "--services=payment"))) {
                invariants = Invariants.seededFrom(system.database());
                for (int i = 0; i < 30; i++) {
                    orders.add(shop.placeOrder(i % 3 == 0 ? "bob" : "carol", "SKU-BOOK", 1));
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> count(system,
                        "SELECT count(*) FROM orchestrator.saga WHERE status = 'COMPLETED'") >= 3);
                payment.kill();
            }
            for (int i = 0; i < 10; i++) {
                orders.add(shop.placeOrder("carol", "SKU-MUG", 1));
            }
            await("payment commands wait in their queue").atMost(Duration.ofSeconds(20)).until(() ->
                    new RabbitAdmin(system.rabbit()).getQueueInfo("payment.commands").getMessageCount() > 0);

            try (JavaProcess restarted = JavaProcess.start("payment", ParticipantsLauncher.class,
                    system.participantArguments("payment", "--services=payment"))) {
                await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(orders).allSatisfy(order ->
                        assertThat(shop.sagaStatus(order)).isIn("COMPLETED", "COMPENSATED")));
                assertThat(restarted.isAlive()).isTrue();
                invariants.assertAllHold(new RabbitAdmin(system.rabbit()));
            }
        }
    }

    @Test
    void aParticipantKilledBetweenCommitAndAckHasItsRedeliveriesAbsorbed() {
        try (RunningSystem system = RunningSystem.start(1, RunningSystem.allParticipantsBut("payment"))) {
            Shop shop = new Shop(system);
            List<UUID> orders = new ArrayList<>();
            Invariants invariants;
            try (JavaProcess payment = JavaProcess.start("payment-halting", ParticipantsLauncher.class,
                    system.participantArguments("payment", "--services=payment",
                            "--saga.faults.halt-after-commit=payment.CapturePayment"))) {
                invariants = Invariants.seededFrom(system.database());
                for (int i = 0; i < 20; i++) {
                    orders.add(shop.placeOrder("carol", i % 2 == 0 ? "SKU-BOOK" : "SKU-MUG", 1));
                }
                await("payment halts after committing a capture").atMost(Duration.ofSeconds(60))
                        .until(() -> !payment.isAlive());
            }
            assertThat(count(system,
                    "SELECT count(*) FROM payment.inbox WHERE message_type = 'payment.CapturePayment'"))
                    .as("the capture committed before the process died").isPositive();
            await("the unacknowledged capture returns to its queue").atMost(Duration.ofSeconds(20)).until(() ->
                    new RabbitAdmin(system.rabbit()).getQueueInfo("payment.commands").getMessageCount() > 0);

            try (JavaProcess restarted = JavaProcess.start("payment", ParticipantsLauncher.class,
                    system.participantArguments("payment", "--services=payment"))) {
                await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(orders).allSatisfy(order ->
                        assertThat(shop.sagaStatus(order)).isEqualTo("COMPLETED")));
                assertThat(restarted.isAlive()).isTrue();
                invariants.assertAllHold(new RabbitAdmin(system.rabbit()));
            }
        }
    }

    private static long count(RunningSystem system, String sql) {
        Long value = system.database().queryForObject(sql, Long.class);
        return value == null ? 0 : value;
    }
}
