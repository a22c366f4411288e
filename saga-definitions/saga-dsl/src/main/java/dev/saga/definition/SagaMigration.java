package dev.saga.definition;

import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * How running sagas move from one version of a definition to another: which states move, and how the saga
 * data changes. A saga in a state the migration does not name stays on its version and runs to its end there;
 * that is the safe default, so name only the states whose meaning is the same in both versions (the same
 * steps done before it, the same reply awaited, the same compensations owed). A state keeps its name across
 * versions: a saga in it awaits the reply to the command that state sent, matched by step name and message id,
 * so a renamed step is a new step and sagas in the old one stay on their version. Declare a migration as a
 * bean next to the two definitions:
 *
 * <pre>{@code
 * SagaMigration.from(OrderFulfilmentSaga.V1).to(OrderFulfilmentSaga.V2, OrderDataV2::from)
 *         .states("reserve-stock", "compensate-reserve-stock", "compensate-create-order")
 *         .build();
 * }</pre>
 *
 * @param <F> the saga data of the version sagas move from
 * @param <T> the saga data of the version they move to
 */
public final class SagaMigration<F, T> {

    private final SagaDefinition<F> from;
    private final SagaDefinition<T> to;
    private final Set<String> states;
    private final Function<F, T> data;

    private SagaMigration(SagaDefinition<F> from, SagaDefinition<T> to, Set<String> states,
                          Function<F, T> data) {
        if (!from.type().equals(to.type())) {
            throw new IllegalArgumentException("A migration stays within one saga type, not " + from.type()
                    + " to " + to.type());
        }
        if (to.version() <= from.version()) {
            throw new IllegalArgumentException("A migration of " + from.type() + " goes to a newer version, not v"
                    + from.version() + " to v" + to.version());
        }
        if (states.isEmpty()) {
            throw new IllegalArgumentException("The migration of " + from + " to v" + to.version()
                    + " names no state to move");
        }
        this.from = from;
        this.to = to;
        this.states = Set.copyOf(states);
        this.data = data;
    }

    public static <F> Start<F> from(SagaDefinition<F> from) {
        return new Start<>(from);
    }

    public String type() {
        return from.type();
    }

    public SagaDefinition<F> source() {
        return from;
    }

    public SagaDefinition<T> target() {
        return to;
    }

    /** The states whose sagas move. */
    public Set<String> states() {
        return states;
    }

    /** Whether a saga in {@code state} moves, or stays on its version. */
    public boolean moves(String state) {
        return states.contains(state);
    }

    public T migrateData(F source) {
        return data.apply(source);
    }

    @Override
    public String toString() {
        return from.type() + " v" + from.version() + " to v" + to.version();
    }

    /** The first half of a migration: where sagas come from. */
    public static final class Start<F> {

        private final SagaDefinition<F> from;

        private Start(SagaDefinition<F> from) {
            this.from = from;
        }

        /** To a version with the same data type, unchanged. */
        public Builder<F, F> to(SagaDefinition<F> to) {
            return new Builder<>(from, to, Function.identity());
        }

        /** To a version whose data is derived from the old data by {@code data}. */
        public <T> Builder<F, T> to(SagaDefinition<T> to, Function<F, T> data) {
            return new Builder<>(from, to, Objects.requireNonNull(data, "data"));
        }
    }

    /** Names the states whose sagas move. */
    public static final class Builder<F, T> {

        private final SagaDefinition<F> from;
        private final SagaDefinition<T> to;
        private final Function<F, T> data;
        private final Set<String> states = new LinkedHashSet<>();

        private Builder(SagaDefinition<F> from, SagaDefinition<T> to, Function<F, T> data) {
            this.from = from;
            this.to = to;
            this.data = data;
        }

        /** States with the same name and meaning in both versions: sagas in them move. */
        public Builder<F, T> states(String... movingStates) {
            for (String state : movingStates) {
                if (!states.add(state)) {
                    throw new IllegalArgumentException("State " + state + " is named twice");
                }
            }
            return this;
        }

        public SagaMigration<F, T> build() {
            return new SagaMigration<>(from, to, states, data);
        }
    }
}
