package dev.saga.definition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
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

    /** How the saga data records that a step never answered, before the compensations are built from it. */
    public SagaDefinitionBuilder<D> onTimeout(BiFunction<D, String, D> recordWhy) {
        this.onTimeout = recordWhy;
        return this;
    }

    public StepBuilder<D> step(String name) {
        return new StepBuilder<>(this, name);
    }

    SagaDefinitionBuilder<D> add(SagaStep<D> step) {
        steps.add(step);
        return this;
    }

    public SagaDefinition<D> build() {
        return new SagaDefinition<>(type, version, dataType, start, businessKeyName, steps, defaultDeadline,
                onTimeout);
    }

    /** Describes one step; {@code step(...)} or {@code build()} closes it. */
    public static final class StepBuilder<D> {
        private final SagaDefinitionBuilder<D> owner;
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

        private StepBuilder(SagaDefinitionBuilder<D> owner, String name) {
            this.owner = owner;
            this.name = name;
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

        public StepBuilder<D> step(String next) {
            return close().step(next);
        }

        public SagaDefinition<D> build() {
            return close().build();
        }

        private SagaDefinitionBuilder<D> close() {
            return owner.add(new SagaStep<>(name, participant, commandType, command, List.copyOf(success),
                    List.copyOf(failure), compensationType, compensationReads, compensation, List.copyOf(compensated),
                    pivot, retriable, deadline, condition));
        }
    }
}
