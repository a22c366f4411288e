package dev.saga.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitAdmin;

/**
 * The system on the primary and synchronous standby of {@code infra/cluster/postgres}: every service takes both
 * hosts in one JDBC URL with {@code targetServerType=primary}. The primary is killed while sagas run, the standby
 * is promoted, and the services carry on against it.
 */
class DatabaseFailoverSystemIT {

    @BeforeAll
    static void replicatedDatabase() {
        assumeTrue(ReplicatedDatabase.available(), "needs PostgreSQL 15 with Debian's pg_createcluster");
        ReplicatedDatabase.up();
    }

    @Test
    void thePrimaryKilledMidStreamIsReplacedByItsStandbyAndEverySagaEndsOnce() throws Exception {
        String database = "it_failover_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        ReplicatedDatabase.createDatabase(database);
        try (RunningSystem system = RunningSystem.startOnDatabase(ReplicatedDatabase.url(database),
                ReplicatedDatabase.USER)) {
            Invariants invariants = Invariants.seededFrom(system.database());
            Shop shop = new Shop(system);
            List<UUID> orders = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                orders.add(shop.placeOrderOfMix(i));
            }
            ReplicatedDatabase.killPrimary();
            Instant killed = Instant.now();
            ReplicatedDatabase.failover();
            await("the order service works on the new primary").atMost(Duration.ofSeconds(60))
                    .until(() -> Shop.healthStatus(system.urlOf("order")) == 200);
            Duration stalled = Duration.between(killed, Instant.now());
            for (int i = 20; i < 40; i++) {
                orders.add(shop.placeOrderOfMix(i));
            }

            await("every saga ends on the new primary").atMost(Duration.ofSeconds(180)).untilAsserted(() ->
                    assertThat(orders).allSatisfy(order ->
                            assertThat(shop.sagaStatus(order)).isIn("COMPLETED", "COMPENSATED")));
            System.out.printf("database failover: the order service was back %d ms after the primary's kill%n",
                    stalled.toMillis());
            invariants.assertAllHold(new RabbitAdmin(system.rabbit()));
        } finally {
            ReplicatedDatabase.rejoin();
        }
    }
}
