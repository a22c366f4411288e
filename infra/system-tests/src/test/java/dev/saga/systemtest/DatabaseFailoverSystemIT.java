package dev.saga.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
        String url = ReplicatedDatabase.url(ReplicatedDatabase.freshDatabase());
        try (RunningSystem system = RunningSystem.startOnDatabase(url, ReplicatedDatabase.USER)) {
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

    /**
     * Synchronous replication without its standby: every commit waits, so an order is neither refused nor taken,
     * while the health checks, which commit nothing, stay UP. The operator's procedure lets the primary commit
     * alone; the waiting commit then returns and its saga runs.
     */
    @Test
    void aLostStandbyHoldsEveryCommitUntilThePrimaryIsLetCommitAlone() throws Exception {
        String url = ReplicatedDatabase.url(ReplicatedDatabase.freshDatabase());
        try (RunningSystem system = RunningSystem.startOnDatabase(url, ReplicatedDatabase.USER)) {
            Invariants invariants = Invariants.seededFrom(system.database());
            Shop shop = new Shop(system);
            shop.awaitSaga(shop.placeOrderOfMix(2), "COMPLETED", Duration.ofSeconds(30));
            ReplicatedDatabase.killStandby();
            try {
                CompletableFuture<UUID> held = CompletableFuture.supplyAsync(() -> shop.placeOrderOfMix(6));
                await("the order's commit waits for the lost standby").during(Duration.ofSeconds(5))
                        .atMost(Duration.ofSeconds(7)).until(() -> !held.isDone());
                assertThat(Shop.healthStatus(system.urlOf("order"))).as("order service health while commits wait")
                        .isEqualTo(200);

                ReplicatedDatabase.standbyLost();
                UUID order = held.get(30, TimeUnit.SECONDS);
                shop.awaitSaga(order, "COMPLETED", Duration.ofSeconds(60));
                invariants.assertAllHold(new RabbitAdmin(system.rabbit()));
            } finally {
                ReplicatedDatabase.rejoin();
            }
        }
    }
}
