package dev.saga.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.amqp.rabbit.core.RabbitAdmin;

/**
 * Two orchestrator instances share the work, and the broker drops every connection or restarts in the middle
 * of a batch: every saga still ends as its path says, once.
 */
class ResilienceSystemIT {

    private static final String[] PATHS = {"carol:SKU-BOOK", "alice:SKU-RARE", "dave:SKU-MUG", "carol:SKU-RECOUNT",
        "alice:SKU-MUG"};

    @RegisterExtension
    static final SystemUnderTest SUT =
            new SystemUnderTest(() -> RunningSystem.start(2, RunningSystem.ALL_PARTICIPANTS));

    @AfterEach
    void everyStepRanOnce() {
        assertThat(SUT.system().database().queryForObject("""
                SELECT count(*) FROM (SELECT saga_id, step, kind FROM orchestrator.saga_timeline
                  WHERE kind IN ('COMMAND_SENT', 'COMPENSATION_SENT', 'REPLY_APPLIED')
                  GROUP BY saga_id, step, kind HAVING count(*) <> 1) repeated""", Long.class))
                .as("saga steps sent or applied other than exactly once").isZero();
    }

    @Test
    void twoOrchestratorInstancesRunTwoHundredSagasTogether() {
        List<UUID> orders = placeOrders(200);

        awaitAllEnded(orders, Duration.ofSeconds(120));
        assertThat(new RabbitAdmin(SUT.system().rabbit()).getQueueInfo("orchestrator.replies").getConsumerCount())
                .as("both instances consume replies").isGreaterThanOrEqualTo(2);
    }

    @Test
    void everySagaEndsAfterTheBrokerClosedAllConnectionsDuringABatch() {
        List<UUID> orders = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            orders.addAll(placeOrders(15));
            assertThat(BrokerFaults.closeAllConnections(SUT.system().virtualHost())).isPositive();
        }
        orders.addAll(placeOrders(15));

        awaitAllEnded(orders, Duration.ofSeconds(120));
    }

    @Test
    void everySagaEndsAfterTheBrokerRestartedDuringABatch() {
        Assumptions.assumeTrue(BrokerFaults.localBrokerControllable(), "needs a local broker to restart");
        List<UUID> orders = new ArrayList<>(placeOrders(20));
        BrokerFaults.stopApp();
        try {
            orders.addAll(placeOrders(10));
            await("health reports the broker down").atMost(Duration.ofSeconds(20))
                    .until(() -> Shop.healthStatus(SUT.system().orchestratorUrl()) == 503);
        } finally {
            BrokerFaults.startApp();
        }
        orders.addAll(placeOrders(10));

        awaitAllEnded(orders, Duration.ofSeconds(180));
        await("health reports the broker up again").atMost(Duration.ofSeconds(30))
                .until(() -> Shop.healthStatus(SUT.system().orchestratorUrl()) == 200);
    }

    private List<UUID> placeOrders(int count) {
        List<UUID> orders = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String[] path = PATHS[i % PATHS.length].split(":");
            orders.add(SUT.shop().placeOrder(path[0], path[1], 1));
        }
        return orders;
    }

    private static void awaitAllEnded(List<UUID> orders, Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> assertThat(orders)
                .allSatisfy(order -> assertThat(SUT.shop().sagaStatus(order)).isIn("COMPLETED", "COMPENSATED")));
    }
}
