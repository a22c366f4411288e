package dev.saga.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.saga.testbed.Baseline;
import dev.saga.testbed.DesignInvariants;
import dev.saga.testbed.Expectations;
import dev.saga.testbed.ParkingQueue;
import dev.saga.testbed.SystemTopology;
import dev.saga.testbed.Tables;
import dev.saga.testbed.Verdict;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.jdbc.core.JdbcTemplate;

/** The invariants of the design (§6), the testbed's, asserted through the services' own tables and the broker. */
final class Invariants {

    private final DesignInvariants design;
    private final Expectations expected = new Expectations();

    private Invariants(Tables tables) {
        this.design = new DesignInvariants(tables, Baseline.of(tables));
    }

    /** Remembers the seeded totals; call before the first order. */
    static Invariants seededFrom(JdbcTemplate db) {
        return new Invariants(new Tables() {
            @Override
            public long count(String sql) {
                Long value = db.queryForObject(sql, Long.class);
                return value == null ? 0 : value;
            }

            @Override
            public Map<String, Long> totals(String sql) {
                return db.query(sql, (rs, i) -> Map.entry(rs.getString(1), rs.getLong(2))).stream()
                        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            }
        });
    }

    /** The scenario means this order's saga to end STUCK or FAILED, holding what it holds. */
    void expectUnfinished(UUID order) {
        expected.unfinished(order.toString());
    }

    /** The scenario means messages to end in this parking queue. */
    void expectParked(String queue) {
        expected.parked(queue);
    }

    /** Waits until the system is quiet, then checks every invariant. */
    void assertAllHold(RabbitAdmin admin) {
        await("every saga terminal and every outbox drained").atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertHeld(design.settled(expected)));
        assertHeld(design.effects(expected));
        List<ParkingQueue> parking = SystemTopology.parkingQueues().stream().filter(expected::checksParking)
                .map(queue -> ParkingQueue.ofDepth(queue, admin.getQueueInfo(queue).getMessageCount())).toList();
        assertHeld(design.parking(parking, expected));
    }

    private static void assertHeld(List<Verdict> verdicts) {
        assertThat(DesignInvariants.failed(verdicts)).extracting(Verdict::describe).as("invariants that failed")
                .isEmpty();
    }
}
