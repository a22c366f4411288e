package dev.saga.participant.kit;

import dev.saga.contract.Command;
import dev.saga.definition.CommandReplies;
import dev.saga.messaging.Topology;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What a participant service handles: its name, the queue it consumes, and one handler per message type.
 * A command handler returns one of the replies its command declares (success or failure reply: a business failure
 * is a reply, never an exception); an event handler returns nothing. A handler that locks rows declares the keys it
 * locks (see {@link LockKey}); the kit takes them, with those of every other message of the batch, before any
 * handler runs, so a handler takes no advisory locks of its own. A context may hold several participants; each gets
 * its own queues and consumers ({@link ParticipantConfiguration}).
 *
 * <pre>{@code
 * Participant.named("inventory")
 *     .handles(ReserveStock.class, warehouse::reserve, warehouse::locksForReserve)
 *     .handles(ReleaseStock.class, warehouse::release, warehouse::locksForRelease)
 *     .build();
 * }</pre>
 *
 * <p>Why the replies are typed through generics rather than checked against an annotation: a command record
 * implements {@link Command}{@code <R>} with {@code R} a sealed interface its replies implement, and
 * {@link Builder#handles} takes only a handler returning {@code R}, so returning the wrong reply is a compile error,
 * which an annotation could only turn into a start-up error. The sealed interface also closes the list, so the saga
 * DSL can hold each step to the same replies when a definition is built. Where the compiler is bypassed (raw types,
 * unchecked casts), the declared return type of the handler's method is checked when the participant is built, and
 * every reply when the handler returns.
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
        this.handlers = Collections.unmodifiableMap(new LinkedHashMap<>(builder.handlers));
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

    /** Every message type it has a handler for, in the order the handlers were declared. */
    public Set<Class<?>> handledTypes() {
        return handlers.keySet();
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
        public <C extends Command<R>, R> Builder handles(Class<C> command,
                                                         CommandHandler<? super C, ? extends R> handler) {
            return handles(command, handler, message -> List.of());
        }

        /**
         * A command whose handler locks rows, all of them covered by the keys {@code locks} names. Refused (so the
         * service does not start) when the handler's method is declared to return something other than the
         * command's replies, which only raw types or unchecked casts let compile.
         */
        public <C extends Command<R>, R> Builder handles(Class<C> command,
                                                         CommandHandler<? super C, ? extends R> handler,
                                                         Function<C, ? extends Collection<LockKey>> locks) {
            CommandReplies replies = CommandReplies.of(command).orElseThrow(() -> new IllegalStateException(
                    "Participant " + name + " handles " + command.getName() + ", which declares no replies:"
                            + " a command implements Command<its replies>"));
            HandlerSignature signature = HandlerSignature.of(handler);
            signature.returnType().filter(returned -> !replies.replyType().isAssignableFrom(returned))
                    .ifPresent(returned -> {
                        throw new IllegalStateException(refusal(replies, signature, "returns "
                                + returned.getSimpleName()));
                    });
            return add(command, new MessageHandler(message -> {
                Object reply = handler.handle(command.cast(message));
                if (!replies.replyType().isInstance(reply)) {
                    throw new IllegalStateException(refusal(replies, signature, "returned "
                            + (reply == null ? "no reply" : reply.getClass().getSimpleName())));
                }
                return reply;
            }, message -> List.copyOf(locks.apply(command.cast(message)))));
        }

        public <E> Builder consumes(Class<E> event, Consumer<E> handler) {
            if (Command.class.isAssignableFrom(event)) {
                throw new IllegalStateException("Participant " + name + " consumes " + event.getSimpleName()
                        + " as an event, but it is a command that expects a reply: use handles(...)");
            }
            return add(event, new MessageHandler(message -> {
                handler.accept(event.cast(message));
                return null;
            }, message -> List.of()));
        }

        private Builder add(Class<?> type, MessageHandler handler) {
            if (handlers.putIfAbsent(type, handler) != null) {
                throw new IllegalStateException("Participant " + name + " has two handlers for "
                        + type.getSimpleName());
            }
            return this;
        }

        private String refusal(CommandReplies replies, HandlerSignature handler, String what) {
            String command = replies.command().getSimpleName();
            return "Participant " + name + ": the handler of " + command + " (" + handler.name() + ") " + what
                    + ", which is not a reply " + command + " declares; its replies are " + replies.names();
        }

        public Participant build() {
            return new Participant(this);
        }
    }
}
