package dev.saga.contract.schema;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/** Every upcaster by type and version; chains them to bring a message of any older version up to date. */
public final class Upcasters {

    private final Map<String, Map<Integer, Upcaster>> byType = new TreeMap<>();

    private Upcasters(Collection<Upcaster> upcasters) {
        for (Upcaster upcaster : upcasters) {
            Upcaster previous = byType.computeIfAbsent(upcaster.type(), type -> new TreeMap<>())
                    .put(upcaster.fromVersion(), upcaster);
            if (previous != null && previous != upcaster) {
                throw new IllegalArgumentException("Two upcasters for " + upcaster.type() + " v"
                        + upcaster.fromVersion());
            }
        }
    }

    public static Upcasters of(Collection<Upcaster> upcasters) {
        return new Upcasters(upcasters);
    }

    public static Upcasters none() {
        return new Upcasters(List.of());
    }

    public Optional<Upcaster> find(String type, int fromVersion) {
        return Optional.ofNullable(byType.getOrDefault(type, Map.of()).get(fromVersion));
    }

    /** Every registered upcaster, by type and version. */
    public List<Upcaster> all() {
        return byType.values().stream().flatMap(versions -> versions.values().stream()).toList();
    }

    /**
     * The upcasters from {@code from} to {@code to} applied in turn; the identity when {@code from >= to}. A step
     * without an upcaster is left as it is: the build's check ({@link ContractCheck}) proved that step compatible.
     */
    public UnaryOperator<ObjectNode> chain(String type, int from, int to) {
        UnaryOperator<ObjectNode> chain = UnaryOperator.identity();
        for (int version = from; version < to; version++) {
            Optional<Upcaster> upcaster = find(type, version);
            if (upcaster.isPresent()) {
                UnaryOperator<ObjectNode> before = chain;
                UnaryOperator<ObjectNode> step = upcaster.get().change();
                chain = json -> step.apply(before.apply(json));
            }
        }
        return chain;
    }
}
