package dev.saga.definition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Fluent builder for {@link SagaDefinition}; each {@code step(...)} opens a {@link StepBuilder}.
 *
 * <pre>{@code
 * SagaDefinition.builder("trip-booking", 1, Trip.class)
 *     .startedBy(TripRequested.class, TripRequested::tripId, Trip::from)
 *     .businessKeyName("trip id")
 *     .step("book-flight").participant("airline")
 *         .invoke(BookFlight.class, trip -> new BookFlight(trip.id()))
 *         .onSuccess(FlightBooked.class)
 *         .onFailure(FlightFull.class)
 *         .compensateWith(CancelFlight.class, FlightBooked.class,
 *                 (trip, booked) -> new CancelFlight(trip.id(), booked.map(FlightBooked::bookingRef).orElse(null)),
 *                 FlightCancelled.class)
 *     .build();
 * }</pre>
 */
public final class SagaDefinitionBuilder<D> {

    private final String type;
    private final int version;
    private final Class<D> dataType;
    private final List<SagaStep<D>> steps = new ArrayList<>();
    private SagaStart<D> start;
    private String businessKeyName = SagaDefinition.DEFAULT_BUSINESS_KEY_NAME;
    private Deadline defaultDeadline = Deadline.DEFAULT;
    private BiFunction<D, String, D> onTimeout = (data, why) -> data;
    private Duration finishWithin;

    SagaDefinitionBuilder(String type, int version, Class<D> dataType) {
        this.type = type;
        this.version = version;
        this.dataType = dataType;
    }

    public <E> SagaDefinitionBuilder<D> startedBy(Class<E> event, Function<E, ?> businessKey, Function<E, D> data) {
        this.start = SagaStart.of(event, businessKey, data);
        return this;
    }

    /** What operators call the key {@code startedBy} takes from the event, e.g. {@code order id}. */
    public SagaDefinitionBuilder<D> businessKeyName(String name) {
        this.businessKeyName = name;
        return this;
    }

    /** Every step waits {@code timeout} for its reply and sends its command at most {@code attempts} times. */
    public SagaDefinitionBuilder<D> deadlines(Duration timeout, int attempts) {
        this.defaultDeadline = new Deadline(timeout, attempts);
        return this;
    }

    /**
     * The whole saga must finish within {@code limit} of its start. When it has not: before the pivot it is
     * compensated (the current step's own compensation first, as after a timeout), after the pivot it is marked
     * {@code STUCK} with the reason for an operator.
     */
    public SagaDefinitionBuilder<D> finishWithin(Duration limit) {
        this.finishWithin = limit;
        return this;
    }

    /** How the saga data records that a step never answered, before the compensations are built from it. */
    public SagaDefinitionBuilder<D> onTimeout(BiFunction<D, String, D> recordWhy) {
        this.onTimeout = recordWhy;
        return this;
    }

    public StepBuilder<D> step(String name) {
        return new StepBuilder<>(this, name, null);
    }

    /**
     * A parallel group: the steps {@code branches} declares send their commands together when the saga reaches the
     * group, and the group succeeds when every branch has. When a branch fails, the group waits until every other
     * branch has answered or used up its deadlines, then compensates the branches that succeeded (or never
     * answered), then the steps before the group, in reverse. A branch keeps its own attempts and deadline.
     *
     * <pre>{@code
     * .parallel("prepare", branches -> branches
     *     .step("reserve-stock").participant("inventory")...
     *     .step("authorize-payment").participant("payment")...)
     * }</pre>
     *
     * The pivot cannot be a branch, and a group cannot come after the pivot.
     */
    public SagaDefinitionBuilder<D> parallel(String group, Consumer<Branches<D>> branches) {
        Branches<D> declared = new Branches<>(this, group, null);
        branches.accept(declared);
        declared.close();
        return this;
    }

    /**
     * A parallel group that runs only when {@code holds} is true of the saga data as the saga reaches it: otherwise
     * every branch is skipped (recorded with {@code conditionName}) and none is compensated.
     */
    public SagaDefinitionBuilder<D> parallel(String group, String conditionName, Predicate<D> holds,
                                            Consumer<Branches<D>> branches) {
        Branches<D> declared = new Branches<>(this, group, new StepCondition<>(conditionName, holds));
        branches.accept(declared);
        declared.close();
        return this;
    }

    SagaDefinitionBuilder<D> add(SagaStep<D> step) {
        steps.add(step);
        return this;
    }

    public SagaDefinition<D> build() {
        return new SagaDefinition<>(type, version, dataType, start, businessKeyName, steps, defaultDeadline,
                onTimeout, finishWithin);
    }

    /** The branches of a parallel group: each {@code step(...)} declares one. */
    public static final class Branches<D> {
        private final SagaDefinitionBuilder<D> owner;
        private final String group;
        private final StepCondition<D> condition;
        private StepBuilder<D> open;
        private int declared;

        private Branches(SagaDefinitionBuilder<D> owner, String group, StepCondition<D> condition) {
            this.owner = owner;
            this.group = group;
            this.condition = condition;
        }

        /** A branch's own condition, and the group's if it has one: the branch runs when both hold. */
        private StepCondition<D> conditionOf(StepCondition<D> own) {
            if (condition == null || own == null) {
                return condition == null ? own : condition;
            }
            return new StepCondition<>(condition.name() + " and " + own.name(),
                    data -> condition.holdsFor(data) && own.holdsFor(data));
        }

        public StepBuilder<D> step(String name) {
            if (open != null) {
                open.close();
            }
            declared++;
            open = new StepBuilder<>(owner, name, this);
            return open;
        }

        private void close() {
            if (declared == 0) {
                throw new IllegalStateException("Saga " + owner.type + ": parallel group " + group
                        + " has no steps");
            }
            open.close();
        }
    }

    /** Describes one step; {@code step(...)} or {@code build()} closes it. */
    public static final class StepBuilder<D> {
        private final SagaDefinitionBuilder<D> owner;
        private final Branches<D> branches;
        private final String name;
        private final List<ReplyHandling<D>> success = new ArrayList<>();
        private final List<ReplyHandling<D>> failure = new ArrayList<>();
        private final List<ReplyHandling<D>> compensated = new ArrayList<>();
        private String participant;
        private Class<?> commandType;
        private Function<D, ?> command;
        private Class<?> compensationType;
        private Class<?> compensationReads;
        private BiFunction<D, Optional<?>, ?> compensation;
        private boolean pivot;
        private boolean retriable;
        private Deadline deadline;
        private StepCondition<D> condition;
        private Duration delay;
        private final List<StepWait.Signal<D>> signals = new ArrayList<>();
        private final List<StepWait.Event<D>> events = new ArrayList<>();
        private Duration waitTimeout;
        private boolean succeedsOnExpiry;
        private boolean closed;

        private StepBuilder(SagaDefinitionBuilder<D> owner, String name, Branches<D> branches) {
            this.owner = owner;
            this.name = name;
            this.branches = branches;
        }

        public StepBuilder<D> participant(String participantName) {
            this.participant = participantName;
            return this;
        }

        /** The command this step sends, built from the saga data. */
        public <C> StepBuilder<D> invoke(Class<C> commandType, Function<D, C> commandFromData) {
            this.commandType = commandType;
            this.command = commandFromData;
            return this;
        }

        public <R> StepBuilder<D> onSuccess(Class<R> reply) {
            return onSuccess(reply, (data, r) -> data);
        }

        public <R> StepBuilder<D> onSuccess(Class<R> reply, BiFunction<D, R, D> update) {
            success.add(ReplyHandling.of(reply, update));
            return this;
        }

        public <R> StepBuilder<D> onFailure(Class<R> reply) {
            return onFailure(reply, (data, r) -> data);
        }

        public <R> StepBuilder<D> onFailure(Class<R> reply, BiFunction<D, R, D> update) {
            failure.add(ReplyHandling.of(reply, update));
            return this;
        }

        /**
         * The command that undoes this step, built from the saga data and the step's success reply
         * {@code successReply}, and the reply that confirms it was undone. The reply is present when it arrived and
         * empty when it never came: the step timed out or was given up, and its command may still have taken
         * effect, so the compensation must also work from the data alone (what the reply would have said is not
         * in it).
         */
        public <S, C, R> StepBuilder<D> compensateWith(Class<C> compensationType, Class<S> successReply,
                                                       BiFunction<D, Optional<S>, C> fromDataAndReply,
                                                       Class<R> confirmedBy) {
            this.compensationType = compensationType;
            this.compensationReads = successReply;
            this.compensation = (data, reply) -> fromDataAndReply.apply(data, reply.map(successReply::cast));
            compensated.add(ReplyHandling.of(confirmedBy, (data, r) -> data));
            return this;
        }

        /**
         * The command that undoes a step without a command (compensation-only: there is no reply to read), built
         * from the saga data, and the reply that confirms it was undone.
         */
        public <C, R> StepBuilder<D> compensateWith(Class<C> compensationType, Function<D, C> compensationFromData,
                                                    Class<R> confirmedBy) {
            this.compensationType = compensationType;
            this.compensationReads = null;
            this.compensation = (data, noReply) -> compensationFromData.apply(data);
            compensated.add(ReplyHandling.of(confirmedBy, (data, r) -> data));
            return this;
        }

        /** The point of no return: once this step succeeded, the saga can only go forward. */
        public StepBuilder<D> pivot() {
            this.pivot = true;
            return this;
        }

        /** The step cannot fail for business reasons; it is retried until it succeeds. */
        public StepBuilder<D> retriable() {
            this.retriable = true;
            return this;
        }

        /** This step's own reply deadline and attempts, instead of the saga's. */
        public StepBuilder<D> deadline(Duration timeout, int attempts) {
            this.deadline = new Deadline(timeout, attempts);
            return this;
        }

        /**
         * The step runs only when {@code holds} is true of the saga data as the saga reaches it; otherwise it is
         * skipped, recorded as {@code STEP_SKIPPED} with {@code conditionName}, and never compensated. The pivot
         * cannot be conditional.
         */
        public StepBuilder<D> when(String conditionName, Predicate<D> holds) {
            this.condition = new StepCondition<>(conditionName, holds);
            return this;
        }

        /**
         * On reaching this step the saga waits {@code delay} before it sends the command, e.g. to capture a payment
         * some minutes after the goods were picked. The wait is a timer row, so it survives a restart of every
         * process; the step's reply deadline starts when the command is sent. A zero delay is no delay, so that a
         * setting can turn it off.
         */
        public StepBuilder<D> delayedBy(Duration delay) {
            this.delay = Duration.ZERO.equals(delay) ? null : delay;
            return this;
        }

        /**
         * The step waits for an operator's signal {@code name} (through the admin API) instead of sending a command;
         * this signal decides it succeeded, its body read as {@code body}.
         */
        public <S> StepBuilder<D> succeedsOnSignal(String name, Class<S> body, BiFunction<D, S, D> update) {
            signals.add(new StepWait.Signal<>(name, true, ReplyHandling.of(body, update)));
            return this;
        }

        /** As {@link #succeedsOnSignal}, for a signal that decides the step failed. */
        public <S> StepBuilder<D> failsOnSignal(String name, Class<S> body, BiFunction<D, S, D> update) {
            signals.add(new StepWait.Signal<>(name, false, ReplyHandling.of(body, update)));
            return this;
        }

        /**
         * The step waits for {@code event}, which its participant publishes on {@code saga.events} (bound to the
         * orchestrator's {@code orchestrator.decisions} queue), instead of sending a command; this event decides it
         * succeeded. {@code businessKey} takes from the event the key of the saga it decides, as
         * {@code startedBy} does from the start event. An event that arrives before the saga reaches the step is
         * kept and decides it on arrival there.
         */
        public <E> StepBuilder<D> succeedsOnEvent(Class<E> event, Function<E, ?> businessKey,
                                                  BiFunction<D, E, D> update) {
            events.add(new StepWait.Event<>(keyOf(event, businessKey), true, ReplyHandling.of(event, update)));
            return this;
        }

        /** As {@link #succeedsOnEvent}, for an event that decides the step failed. */
        public <E> StepBuilder<D> failsOnEvent(Class<E> event, Function<E, ?> businessKey,
                                               BiFunction<D, E, D> update) {
            events.add(new StepWait.Event<>(keyOf(event, businessKey), false, ReplyHandling.of(event, update)));
            return this;
        }

        private static <E> Function<Object, String> keyOf(Class<E> event, Function<E, ?> businessKey) {
            return decision -> String.valueOf(businessKey.apply(event.cast(decision)));
        }

        /**
         * How long a waiting step waits for its decision; when nobody decided by then, the step fails (or
         * succeeds, with {@code succeedsOnExpiry}). Every wait needs one.
         */
        public StepBuilder<D> waitsAtMost(Duration timeout, boolean expirySucceeds) {
            this.waitTimeout = timeout;
            this.succeedsOnExpiry = expirySucceeds;
            return this;
        }

        /** The next step: of the same parallel group if this one is a branch, else of the saga. */
        public StepBuilder<D> step(String next) {
            if (branches != null) {
                return branches.step(next);
            }
            return close().step(next);
        }

        /** A parallel group after this step ({@link SagaDefinitionBuilder#parallel}). */
        public SagaDefinitionBuilder<D> parallel(String group, Consumer<Branches<D>> groupBranches) {
            return closedOutsideAGroup(group).parallel(group, groupBranches);
        }

        /** A conditional parallel group after this step ({@link SagaDefinitionBuilder#parallel}). */
        public SagaDefinitionBuilder<D> parallel(String group, String conditionName, Predicate<D> holds,
                                                Consumer<Branches<D>> groupBranches) {
            return closedOutsideAGroup(group).parallel(group, conditionName, holds, groupBranches);
        }

        private SagaDefinitionBuilder<D> closedOutsideAGroup(String group) {
            if (branches != null) {
                throw new IllegalStateException("Saga " + owner.type + ": parallel group " + branches.group
                        + " cannot hold another group (" + group + ")");
            }
            return close();
        }

        public SagaDefinition<D> build() {
            if (branches != null) {
                throw new IllegalStateException("Saga " + owner.type + ": step " + name + " is a branch of "
                        + branches.group + "; the group ends with parallel(...), build() after it");
            }
            return close().build();
        }

        private SagaDefinitionBuilder<D> close() {
            if (!closed) {
                closed = true;
                owner.add(new SagaStep<>(name, participant, commandType, command, List.copyOf(success),
                        List.copyOf(failure), compensationType, compensationReads, compensation,
                        List.copyOf(compensated), pivot, retriable, deadline,
                        branches == null ? condition : branches.conditionOf(condition), delay,
                        branches == null ? null : branches.group,
                        signals.isEmpty() && events.isEmpty() && waitTimeout == null ? null
                                : new StepWait<>(signals, events, waitTimeout, succeedsOnExpiry)));
            }
            return owner;
        }
    }
}
