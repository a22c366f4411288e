package dev.saga.participant.inventory;

import dev.saga.contract.order.OrderLine;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/** The stock decisions that need no database: what an order asks for, what is short, what cannot be picked. */
final class StockRules {

    static final String PICKABLE = "OK";

    private StockRules() {
    }

    /**
     * The quantity per SKU, sorted by SKU: that is the order in which stock rows are locked, so two orders
     * sharing SKUs never wait on each other in a cycle. Lines for the same SKU add up.
     */
    static SortedMap<String, Integer> demand(List<OrderLine> lines) {
        SortedMap<String, Integer> demand = new TreeMap<>();
        if (lines != null) {
            for (OrderLine line : lines) {
                demand.merge(line.sku(), line.quantity(), Integer::sum);
            }
        }
        return demand;
    }

    /** The first SKU (in SKU order) that cannot be held in full, given the units on hand per known SKU. */
    static Optional<Refusal> shortage(SortedMap<String, Integer> demand, Map<String, Integer> onHand) {
        for (Map.Entry<String, Integer> wanted : demand.entrySet()) {
            String sku = wanted.getKey();
            int requested = wanted.getValue();
            Integer available = onHand.get(sku);
            if (requested <= 0) {
                return Optional.of(new Refusal(sku, sku + ": quantity " + requested + " is not positive"));
            }
            if (available == null) {
                return Optional.of(new Refusal(sku, sku + " is an unknown SKU"));
            }
            if (available < requested) {
                return Optional.of(new Refusal(sku, sku + ": " + available + " on hand, " + requested
                        + " requested"));
            }
        }
        return Optional.empty();
    }

    /** The first SKU (in SKU order) whose warehouse status keeps it from being picked. */
    static Optional<Refusal> unpickable(SortedMap<String, String> warehouseStatusBySku) {
        return warehouseStatusBySku.entrySet().stream()
                .filter(status -> !PICKABLE.equals(status.getValue()))
                .findFirst()
                .map(status -> new Refusal(status.getKey(), status.getKey() + " is not pickable: "
                        + status.getValue()));
    }
}
