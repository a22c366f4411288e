package dev.saga.testbed;

import java.util.ArrayList;
import java.util.List;

/**
 * The invariants of the design (§6), one set for every harness, each returned as a {@link Verdict} with its
 * evidence: every saga terminal or where the scenario means it to stand, stock and money conserved, every
 * command of a finished saga recorded exactly once and every effect once, outboxes drained, parking queues
 * holding only what the scenario poisoned. They read the services' own tables; the harness brings the
 * connection, the baseline it took before the first order, and what its scenario leaves behind.
 */
public final class DesignInvariants {

    private final SettledSagas settled;
    private final ConservedStockAndMoney conserved;
    private final ExactlyOnceEffects exactlyOnce;
    private final ParkedMessages parked = new ParkedMessages();

    public DesignInvariants(Tables tables, Baseline baseline) {
        this.settled = new SettledSagas(tables);
        this.conserved = new ConservedStockAndMoney(tables, baseline);
        this.exactlyOnce = new ExactlyOnceEffects(tables);
    }

    /** What holds only once the system is quiet: sagas ended, outboxes drained, outcomes heard. */
    public List<Verdict> settled(Expectations expected) {
        return settled.check(expected);
    }

    /** What must hold of the tables once settled: stock and money conserved, every effect exactly once. */
    public List<Verdict> effects(Expectations expected) {
        List<Verdict> verdicts = new ArrayList<>(conserved.check(expected));
        verdicts.addAll(exactlyOnce.check(expected));
        return verdicts;
    }

    /** The parking queues as observed, against what the scenario poisoned. */
    public List<Verdict> parking(List<ParkingQueue> observed, Expectations expected) {
        return parked.check(observed, expected);
    }

    /** Every invariant at once, for a harness that has already waited for quiet. */
    public List<Verdict> all(List<ParkingQueue> observed, Expectations expected) {
        List<Verdict> verdicts = new ArrayList<>(settled(expected));
        verdicts.addAll(effects(expected));
        verdicts.addAll(parking(observed, expected));
        return verdicts;
    }

    /** Effects beyond the first of their kind, for a report's figures. */
    public long duplicateEffects() {
        return exactlyOnce.duplicateEffects();
    }

    /** The verdicts that did not hold. */
    public static List<Verdict> failed(List<Verdict> verdicts) {
        return verdicts.stream().filter(verdict -> !verdict.holds()).toList();
    }
}
