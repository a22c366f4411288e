package dev.saga.participant.kit;

import dev.saga.messaging.Topology;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What a participant service handles: its name, the queue it consumes, and one handler per message type.
 * A command handler returns the reply record (success or failure reply: a business failure is a reply,
 * never an exception); an event handler returns nothing. A handler that locks rows declares the keys it locks
 * (see {@link LockKey}); the kit takes them, with those of every other message of the batch, before any handler
 * runs, so a handler takes no advisory locks of its own.
 *
 * <pre>{@code
 * Participant.named("inventory")
 *     .handles(ReserveStock.class, warehouse::reserve, warehouse::locksForReserve)
 *     .handles(ReleaseStock.class, warehouse::release, warehouse::locksForRelease)
 *     .build();
 * }</pre>
 */
public final class Participant {

    private final String name;
    private final String queue;
    private final String exchange;
    private final List<String> bindingKeys;
    private final Map<Class<?>, MessageHandler> handlers;

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

    Optional<MessageHandler> handlerFor(Class<?> messageType) {
        return Optional.ofNullable(handlers.get(messageType));
    }

    /** Collects the handlers of a participant. */
    public static final class Builder {
        private final String name;
        private final Map<Class<?>, MessageHandler> handlers = new LinkedHashMap<>();
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

        /** A command whose handler locks nothing beyond the rows it inserts. */
        public <C> Builder handles(Class<C> command, Function<C, ?> handler) {
            return handles(command, handler, message -> List.of());
        }

        /** A command whose handler locks rows, all of them covered by the keys {@code locks} names. */
        public <C> Builder handles(Class<C> command, Function<C, ?> handler,
                                   Function<C, ? extends Collection<LockKey>> locks) {
            handlers.put(command, new MessageHandler(message -> handler.apply(command.cast(message)),
                    message -> List.copyOf(locks.apply(command.cast(message)))));
            return this;
        }

        public <E> Builder consumes(Class<E> event, Consumer<E> handler) {
            handlers.put(event, new MessageHandler(message -> {
                handler.accept(event.cast(message));
                return null;
            }, message -> List.of()));
            return this;
        }

        public Participant build() {
            return new Participant(this);
        }
    }
}
