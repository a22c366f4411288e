package dev.saga.participant.kit;

import dev.saga.messaging.Topology;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What a participant service handles: its name, the queue it consumes, and one handler per message type.
 * A command handler returns the reply record (success or failure reply: a business failure is a reply,
 * never an exception); an event handler returns nothing.
 *
 * <pre>{@code
 * Participant.named("inventory")
 *     .handles(ReserveStock.class, stock::reserve)
 *     .handles(ReleaseStock.class, stock::release)
 *     .build();
 * }</pre>
 */
public final class Participant {

    private final String name;
    private final String queue;
    private final String exchange;
    private final List<String> bindingKeys;
    private final Map<Class<?>, Function<Object, Object>> handlers;

    private Participant(Builder builder) {
        this.name = builder.name;
        this.queue = builder.queue;
        this.exchange = builder.exchange;
        this.bindingKeys = List.copyOf(builder.bindingKeys);
        this.handlers = Map.copyOf(builder.handlers);
    }

    /** A participant that consumes commands from {@code <name>.commands}, bound to {@code <name>.#}. */
    public static Builder named(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    public String queue() {
        return queue;
    }

    public String exchange() {
        return exchange;
    }

    public List<String> bindingKeys() {
        return bindingKeys;
    }

    Optional<Function<Object, Object>> handlerFor(Class<?> messageType) {
        return Optional.ofNullable(handlers.get(messageType));
    }

    /** Collects the handlers of a participant. */
    public static final class Builder {
        private final String name;
        private final Map<Class<?>, Function<Object, Object>> handlers = new LinkedHashMap<>();
        private String queue;
        private String exchange = Topology.COMMANDS;
        private List<String> bindingKeys;

        private Builder(String name) {
            this.name = name;
            this.queue = Topology.commandQueue(name);
            this.bindingKeys = List.of(name + ".#");
        }

        /** Consume events instead of commands: queue {@code <name>.events} on {@code saga.events}. */
        public Builder subscribesToEvents(String... routingKeys) {
            this.queue = name + ".events";
            this.exchange = Topology.EVENTS;
            this.bindingKeys = List.of(routingKeys);
            return this;
        }

        public <C> Builder handles(Class<C> command, Function<C, ?> handler) {
            handlers.put(command, message -> handler.apply(command.cast(message)));
            return this;
        }

        public <E> Builder consumes(Class<E> event, Consumer<E> handler) {
            handlers.put(event, message -> {
                handler.accept(event.cast(message));
                return null;
            });
            return this;
        }

        public Participant build() {
            return new Participant(this);
        }
    }
}
