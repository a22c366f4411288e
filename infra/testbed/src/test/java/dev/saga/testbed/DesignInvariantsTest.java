package dev.saga.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The invariants' verdicts over canned query answers: which fail, and the evidence they carry. */
class DesignInvariantsTest {

    /** Answers 0 and empty totals unless told otherwise for a query containing some text; records every query. */
    private static final class CannedTables implements Tables {

        final Map<String, Long> counts = new HashMap<>();
        final Map<String, Map<String, Long>> totals = new HashMap<>();
        final List<String> queries = new ArrayList<>();

        @Override
        public long count(String sql) {
            queries.add(sql);
            return counts.entrySet().stream().filter(e -> sql.contains(e.getKey())).mapToLong(Map.Entry::getValue)
                    .findFirst().orElse(0);
        }

        @Override
        public Map<String, Long> totals(String sql) {
            queries.add(sql);
            return totals.entrySet().stream().filter(e -> sql.contains(e.getKey())).map(Map.Entry::getValue)
                    .findFirst().orElse(Map.of());
        }
    }

    private final CannedTables tables = new CannedTables();
    private final Expectations expected = new Expectations();

    @Test
    void aSystemWhereNothingMovedOrIsHeldKeepsEveryInvariant() {
        DesignInvariants invariants = new DesignInvariants(tables, Baseline.of(tables));

        List<Verdict> verdicts = invariants.all(List.of(ParkingQueue.ofDepth("order.commands.dlq", 0)), expected);

        assertThat(DesignInvariants.failed(verdicts)).isEmpty();
        assertThat(verdicts).extracting(Verdict::invariant).contains("every saga terminal",
                "stock conserved (on hand + reserved + deducted per SKU)", "captured equals debited",
                "payment handled every command of the finished sagas", "notification outbox drained",
                "parking queues hold only poisoned messages");
    }

    @Test
    void stockThatMovedFailsConservationShowingBothTotals() {
        tables.totals.put("on_hand + reserved + deducted", Map.of("SKU-BOOK", 10L));
        DesignInvariants invariants = new DesignInvariants(tables, Baseline.of(tables));
        tables.totals.put("on_hand + reserved + deducted", Map.of("SKU-BOOK", 9L));

        assertThat(DesignInvariants.failed(invariants.effects(expected))).extracting(Verdict::describe)
                .containsExactly("stock conserved (on hand + reserved + deducted per SKU): was {SKU-BOOK=10},"
                        + " now {SKU-BOOK=9}");
    }

    @Test
    void stockHeldForAFinishedSagaFailsWithTheNumberOfReservations() {
        tables.counts.put("inventory.reservation WHERE status = 'RESERVED'", 2L);
        DesignInvariants invariants = new DesignInvariants(tables, Baseline.of(tables));

        assertThat(DesignInvariants.failed(invariants.effects(expected))).extracting(Verdict::describe)
                .containsExactly("no stock held for finished sagas: 2 reservations");
    }

    @Test
    void aStepWhoseCommandWentOutUnderTwoMessageIdsFails() {
        tables.counts.put("HAVING count(DISTINCT message_id) <> 1", 1L);
        DesignInvariants invariants = new DesignInvariants(tables, Baseline.of(tables));

        assertThat(DesignInvariants.failed(invariants.effects(expected))).extracting(Verdict::describe)
                .containsExactly("each step's and each branch's command went out under one message id: 1 steps"
                        + " sent under several");
    }

    @Test
    void aSagaTheScenarioLeavesUnfinishedIsLeftOutOfEveryFinishedSagasCheck() {
        expected.unfinished("order-1").unfinished("it's");
        DesignInvariants invariants = new DesignInvariants(tables, Baseline.of(tables));

        invariants.settled(expected);
        invariants.effects(expected);

        assertThat(tables.queries).filteredOn(sql -> sql.contains("'order-1'")).hasSizeGreaterThanOrEqualTo(7)
                .allSatisfy(sql -> assertThat(sql).contains("NOT IN ('it''s', 'order-1')"));
    }

    @Test
    void sagasNotYetEndedAreCountedByStatus() {
        tables.totals.put("status NOT IN ('COMPLETED', 'COMPENSATED')", Map.of("RUNNING", 3L));
        DesignInvariants invariants = new DesignInvariants(tables, Baseline.of(tables));

        assertThat(DesignInvariants.failed(invariants.settled(expected))).extracting(Verdict::describe)
                .containsExactly("every saga terminal: {RUNNING=3}");
    }

    @Test
    void aParkingQueueMustHoldExactlyThePoisonedMessagesAndNothingElse() {
        expected.poisoned("order.commands.dlq", 2);
        List<String> unexpected = List.of("a", "b", "c", "d", "e", "f");
        DesignInvariants invariants = new DesignInvariants(tables, Baseline.of(tables));

        List<Verdict> verdicts = invariants.parking(List.of(new ParkingQueue("order.commands.dlq", 1, 6, unexpected),
                ParkingQueue.ofDepth("payment.commands.dlq", 0)), expected);

        assertThat(DesignInvariants.failed(verdicts)).extracting(Verdict::describe).containsExactly(
                "order.commands.dlq holds every poisoned message: 1 of 2",
                "parking queues hold only poisoned messages: 6 parked: [a, b, c, d, e]");
    }

    @Test
    void aQueueWhoseParkedMessagesAreNotCountedIsNotChecked() {
        expected.parked("inventory.commands.dlq");
        DesignInvariants invariants = new DesignInvariants(tables, Baseline.of(tables));

        List<Verdict> verdicts = invariants.parking(List.of(ParkingQueue.ofDepth("inventory.commands.dlq", 4)),
                expected);

        assertThat(verdicts).allMatch(Verdict::holds).extracting(Verdict::invariant)
                .containsExactly("parking queues hold only poisoned messages");
    }
}
