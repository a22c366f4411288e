package dev.saga.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** Steps in the order the order-fulfilment saga runs them; compensations after, in reverse; unknown last. */
final class StepOrder {

    static final List<String> STEPS = List.of("reserve-stock", "authorize-payment", "deduct-inventory",
            "capture-payment", "schedule-shipment", "approve-order");

    private StepOrder() {
    }

    static List<String> sorted(Collection<String> steps) {
        List<String> sorted = new ArrayList<>(steps);
        sorted.sort(Comparator.comparingInt(StepOrder::rank).thenComparing(Comparator.naturalOrder()));
        return sorted;
    }

    private static int rank(String step) {
        int forward = STEPS.indexOf(step);
        if (forward >= 0) {
            return forward;
        }
        if (step.startsWith("compensate-")) {
            return 100 - STEPS.indexOf(step.substring("compensate-".length()));
        }
        return 1000;
    }
}
