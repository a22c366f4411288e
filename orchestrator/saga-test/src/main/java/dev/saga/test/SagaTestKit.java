package dev.saga.test;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.saga.definition.MessageTypes;
import dev.saga.definition.SagaDefinition;
import dev.saga.messaging.IncomingMessage;
import dev.saga.orchestrator.engine.SagaCatalog;
import dev.saga.orchestrator.engine.SagaCatalog.LoadedSaga;
import dev.saga.orchestrator.engine.SagaInstance;
import dev.saga.orchestrator.engine.StandaloneEngine;
import dev.saga.orchestrator.engine.TimelineLog;
import dev.saga.orchestrator.engine.plan.DeadlinePolicy;
import dev.saga.orchestrator.engine.plan.Phase;
import dev.saga.orchestrator.engine.plan.SagaStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs one saga of a definition through the engine's own starts and moves, in memory and on a virtual clock:
 * start it, see the commands it sends, answer as its participants would, let deadlines pass, deliver duplicates
 * and late replies, and check where it ends. Only the store, the timeline and the outbox are in memory; what the
 * saga does next is decided by the production engine, state machine and plan.
 *
 * <pre>{@code
 * SagaTestKit.of(OrderFulfilmentSaga.DEFINITION)
 *     .start(new OrderCreated(orderId, "alice", List.of(new OrderLine("SKU-BOOK", 2)), 5000))
 *     .expectCommand(ReserveStock.class, cmd -> assertThat(cmd.lines()).hasSize(1)).reply(new StockReserved(orderId))
 *     .expectCommand(AuthorizePayment.class).reply(new PaymentDeclined(orderId, "insufficient funds"))
 *     .expectCompensations(ReleaseStock.class, RejectOrder.class)
 *     .expectStatus(SagaStatus.COMPENSATED);
 * }</pre>
 *
 * <p>The messages the saga sends are checked in the order it sent them, each once: every {@code expect...} takes
 * the next one not checked yet. A reply answers the latest message sent, as the participant of its step, with the
 * envelope that participant's kit would give it.
 *
 * @param <D> the saga data
 */
public final class SagaTestKit<D> {

    /** As production runs the declared deadlines by default: each attempt waits twice as long, at most 8 times. */
    public static final DeadlinePolicy DECLARED_DEADLINES = new DeadlinePolicy(null, null, 8);

    private final SagaDefinition<D> definition;
    private final DeadlinePolicy deadlines;
    private final Answers answers = new Answers();
    private final LoadedSaga loaded;
    /** Starts in the past: the engine's metrics time a saga against the system clock, and it must not run ahead. */
    private final VirtualClock clock = new VirtualClock(Instant.parse("2000-01-01T00:00:00Z"));
    private final InMemorySagaStore store = new InMemorySagaStore(clock);
    private final InMemoryTimeline timeline = new InMemoryTimeline(clock);
    private final InMemoryOutbox outbox = new InMemoryOutbox();
    private final ObjectMapper json = JsonMapper.builder().findAndAddModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    private final StandaloneEngine engine;
    private final CheckedMessages messages;
    private UUID sagaId;
    private IncomingMessage lastReply;
    private long versionBeforeLastReply;

    private SagaTestKit(SagaDefinition<D> definition, DeadlinePolicy deadlines) {
        this.definition = definition;
        this.deadlines = deadlines;
        SagaCatalog catalog = new SagaCatalog(List.of(definition), List.of(), deadlines);
        this.loaded = catalog.forType(definition.type()).orElseThrow();
        this.engine = StandaloneEngine.on(catalog, store, timeline, outbox, json, clock);
        this.messages = new CheckedMessages(outbox, loaded.plan());
    }

    /** A kit for one saga of the definition, with its deadlines as declared. */
    public static <D> SagaTestKit<D> of(SagaDefinition<D> definition) {
        return of(definition, DECLARED_DEADLINES);
    }

    /** A kit whose deadlines run as {@code deadlines} says, e.g. with fewer attempts. */
    public static <D> SagaTestKit<D> of(SagaDefinition<D> definition, DeadlinePolicy deadlines) {
        return new SagaTestKit<>(definition, deadlines);
    }

    /**
     * How a participant answers a message of this type when the kit answers for it by itself (a command with a
     * success reply, a compensation with its confirmation), instead of with one made up of its fields and samples.
     */
    public <M> SagaTestKit<D> answering(Class<M> message, Function<? super M, ?> reply) {
        answers.put(message, reply);
        return this;
    }

    /**
     * Every compensation runs once on what a timeout leaves it: each step that sends a command and can be
     * compensated never answers, on a saga of its own started by the first of {@code startEvents} it runs for
     * (a conditional step may be skipped for some), after the kit answered the steps before it with success.
     * Fails naming the saga, the step, and the compensation that threw or sent null where its schema requires a
     * value, if the saga does not end compensated, or if every start skips a step. This kit's saga is untouched.
     */
    public void expectEveryCompensationToSurviveATimeout(Object... startEvents) {
        new TimeoutCompensationCheck<>(definition, deadlines, loaded, answers).run(List.of(startEvents));
    }

    /**
     * Delivers the event that starts the saga, as it arrives on the start queue. Delivering it again (or another
     * event for the same business key) starts nothing more: the timeline records the start as ignored.
     */
    public SagaTestKit<D> start(Object startEvent) {
        UUID id = definition.sagaIdFor(definition.start().businessKey().apply(startEvent));
        if (sagaId != null && !sagaId.equals(id)) {
            throw new IllegalStateException("This kit follows the saga " + sagaId + "; " + startEvent
                    + " starts another (use a kit per saga)");
        }
        sagaId = id;
        IncomingMessage event = CheckedMessages.published(startEvent, MessageTypes.ownerOf(startEvent.getClass()));
        inOneMove(() -> engine.starts().startAll(List.of(event)));
        return this;
    }

    /** The next message the saga sent is a command of this type (a forward step's). */
    public <C> SagaTestKit<D> expectCommand(Class<C> type) {
        return expectCommand(type, command -> { });
    }

    /** The next message the saga sent is a command of this type, and it passes {@code check}. */
    public <C> SagaTestKit<D> expectCommand(Class<C> type, Consumer<? super C> check) {
        return expectSent(Phase.FORWARD, type, check);
    }

    /** The next message the saga sent is a compensation of this type. */
    public <C> SagaTestKit<D> expectCompensation(Class<C> type) {
        return expectCompensation(type, compensation -> { });
    }

    /** The next message the saga sent is a compensation of this type, and it passes {@code check}. */
    public <C> SagaTestKit<D> expectCompensation(Class<C> type, Consumer<? super C> check) {
        return expectSent(Phase.COMPENSATING, type, check);
    }

    /**
     * The saga compensates with these, in this order, each confirmed as its participant would: with the reply
     * its step declares, made from the compensation's own fields. To answer one differently (or not at all),
     * use {@link #expectCompensation} and {@link #reply} for it.
     */
    public SagaTestKit<D> expectCompensations(Class<?>... types) {
        for (Class<?> type : types) {
            expectCompensation(type);
            reply(messages.confirmationOfLastChecked());
        }
        return this;
    }

    /** The same command again, after its deadline passed: the same message id, the next attempt. */
    public SagaTestKit<D> expectResend(Class<?> type) {
        SentMessage before = messages.lastCheckedOf(type);
        messages.expectResendOf(before, messages.nextOrFail("a resend of " + type.getSimpleName(),
                this::whereItIs));
        return this;
    }

    /** The saga sent nothing more to its participants than what was checked. */
    public SagaTestKit<D> expectNoMoreCommands() {
        assertThat(messages.unchecked()).as("messages the saga sent that the test did not expect").isEmpty();
        return this;
    }

    /** Answers the latest message the saga sent, as the participant of its step. */
    public SagaTestKit<D> reply(Object reply) {
        return deliver(messages.replyTo(messages.latest(), reply));
    }

    /**
     * Answers the latest {@code command} the saga sent, whether or not the saga still waits for it: a late reply,
     * e.g. after its deadline gave the step up.
     */
    public SagaTestKit<D> replyTo(Class<?> command, Object reply) {
        return deliver(messages.replyTo(messages.latestOf(command), reply));
    }

    /** An operator's signal to the saga's waiting step, as the admin API hands it to the engine. */
    public SagaTestKit<D> signal(String name, Object body) {
        inOneMove(() -> engine.engine().signal(store.lockAll(List.of(sagaId)).get(sagaId), name, body, "operator"));
        return this;
    }

    /**
     * The participant of the step that waits for {@code event} publishes it: it decides the step, or is kept until
     * the saga gets there. {@link #replyAgain} delivers it again, {@link #expectReplyIgnored} checks it was ignored.
     */
    public SagaTestKit<D> publish(Object event) {
        return deliver(messages.event(event));
    }

    /** Delivers the last reply (or event) once more, with the same message id: a redelivery. */
    public SagaTestKit<D> replyAgain() {
        if (lastReply == null) {
            throw new IllegalStateException("No reply was delivered yet");
        }
        return deliver(lastReply);
    }

    /** The last reply delivered changed nothing, and the timeline records it as ignored. */
    public SagaTestKit<D> expectReplyIgnored() {
        return expectReplyIgnored("");
    }

    /** The last reply delivered changed nothing, and the timeline records it as ignored for this reason. */
    public SagaTestKit<D> expectReplyIgnored(String because) {
        UUID id = lastReply.envelope().messageId();
        List<TimelineLog.Entry> lines = timeline().stream().filter(e -> id.equals(e.messageId())).toList();
        assertThat(lines).as("timeline lines of reply %s", lastReply.envelope().type()).isNotEmpty();
        TimelineLog.Entry last = lines.get(lines.size() - 1);
        assertThat(last.kind()).as("last timeline line of %s: %s", lastReply.envelope().type(), last)
                .isEqualTo(TimelineLog.Kind.REPLY_IGNORED);
        assertThat(last.detail()).as("why it was ignored").contains(because);
        assertThat(saga().version()).as("saga version (moved by the ignored reply?)").isEqualTo(versionBeforeLastReply);
        return this;
    }

    /** The saga passed over the step, its condition not holding: the timeline records it as skipped. */
    public SagaTestKit<D> expectSkipped(String step) {
        assertThat(timeline()).as("timeline of the saga (is %s skipped?)", step).anyMatch(line -> line.kind()
                == TimelineLog.Kind.STEP_SKIPPED && step.equals(line.step()));
        return this;
    }

    /**
     * Lets the current step's deadline pass, as the deadline scanner would find it: the saga sends its message
     * again as the next attempt, or after the last attempt gives the step up (it compensates before the pivot,
     * is {@code STUCK} after it, and {@code FAILED} in a compensation).
     */
    public SagaTestKit<D> passDeadline() {
        Instant due = saga().deadlineAt();
        if (due == null) {
            throw new AssertionError("The saga has no deadline: it is " + saga().status() + " at "
                    + saga().machineState());
        }
        clock.advanceTo(due);
        return fireDueDeadline();
    }

    /**
     * The participant never answers the latest message sent: each attempt's deadline passes and each resend is
     * checked (same message id, next attempt), until the saga gives it up. What it does then is the next to check.
     */
    public SagaTestKit<D> neverAnswer() {
        return neverAnswer(messages.latest());
    }

    /** As {@link #neverAnswer()}, for the latest {@code command} sent: e.g. one branch of a parallel group. */
    public SagaTestKit<D> neverAnswer(Class<?> command) {
        return neverAnswer(messages.latestOf(command));
    }

    private SagaTestKit<D> neverAnswer(SentMessage waiting) {
        boolean caughtUp = messages.unchecked().isEmpty();
        SentMessage last = waiting;
        while (messages.stillWaitsOn(saga(), waiting) && saga().deadlineAt() != null) {
            int sentBefore = messages.all().size();
            passDeadline();
            List<SentMessage> all = messages.all();
            if (messages.stillWaitsOn(saga(), waiting) && all.size() == sentBefore + 1) {
                last = messages.expectResendOf(last, all.get(sentBefore));
                if (caughtUp) {
                    messages.skip();
                }
            }
        }
        return this;
    }

    /**
     * Moves the virtual clock on; what is due then fires, as at the scanner's next scan: a step's deadline or
     * delay, and the saga's own deadline.
     */
    public SagaTestKit<D> advance(Duration by) {
        clock.advance(by);
        return fireDueDeadline();
    }

    public SagaTestKit<D> expectStatus(SagaStatus status) {
        assertThat(saga().status()).as("status of the saga at %s (%s)", saga().machineState(), saga().failureReason())
                .isEqualTo(status);
        return this;
    }

    /** The saga's machine state, e.g. {@code authorize-payment} or {@code compensate-reserve-stock}. */
    public SagaTestKit<D> expectState(String machineState) {
        assertThat(saga().machineState()).as("state of the saga").isEqualTo(machineState);
        return this;
    }

    public SagaTestKit<D> expectData(Consumer<? super D> check) {
        check.accept(data());
        return this;
    }

    public SagaTestKit<D> expectFailureReason(Consumer<String> check) {
        check.accept(saga().failureReason());
        return this;
    }

    /** The saga's row as the store holds it: status, state, attempt, deadline, version. */
    public SagaInstance saga() {
        if (sagaId == null) {
            throw new IllegalStateException("No saga was started yet");
        }
        return store.find(sagaId).orElseThrow(() -> new AssertionError("The start event started no saga"));
    }

    /** The saga data, read back from its stored JSON as the engine reads it. */
    public D data() {
        try {
            return json.readValue(saga().data(), definition.dataType());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Cannot read the saga data " + saga().data(), e);
        }
    }

    /** The saga's timeline, as operators read it. */
    public List<TimelineLog.Entry> timeline() {
        return timeline.of(saga().id());
    }

    /** Every message the saga sent, its outcome event included, in order. */
    public List<SentMessage> sent() {
        return outbox.sent();
    }

    /** The commands the saga sent, in order, each once however often it was resent. */
    public List<Class<?>> commandsSent() {
        return messages.typesIn(Phase.FORWARD);
    }

    /** The compensations the saga sent, in order, each once however often it was resent. */
    public List<Class<?>> compensationsSent() {
        return messages.typesIn(Phase.COMPENSATING);
    }

    /** What the virtual clock shows. */
    public Instant now() {
        return clock.instant();
    }

    private <C> SagaTestKit<D> expectSent(Phase phase, Class<C> type, Consumer<? super C> check) {
        messages.expectNext(phase, type, check, this::whereItIs);
        return this;
    }

    private String whereItIs() {
        return saga().status() + " at " + saga().machineState();
    }

    /** A reply goes to the engine, an event (it names no saga) to the decisions. */
    private SagaTestKit<D> deliver(IncomingMessage message) {
        versionBeforeLastReply = saga().version();
        lastReply = message;
        inOneMove(() -> {
            if (message.envelope().sagaId() == null) {
                engine.decisions().decideAll(List.of(message));
            } else {
                engine.engine().applyReplies(List.of(message));
            }
        });
        return this;
    }

    /** Fires what is due, as the scanner does: the step's timer (a deadline or a delay), then the saga's own. */
    private SagaTestKit<D> fireDueDeadline() {
        if (store.lockIfDue(saga().id()).isPresent()) {
            inOneMove(() -> engine.engine().fireDeadline(saga().id()));
        }
        if (store.lockIfFinishDue(saga().id()).isPresent()) {
            inOneMove(() -> engine.engine().fireSagaDeadline(saga().id()));
        }
        return this;
    }

    /** Runs one of the engine's transactions: what a failing one wrote is undone, as its rollback would. */
    private void inOneMove(Runnable move) {
        Map<UUID, SagaInstance> rows = store.snapshot();
        int lines = timeline.size();
        int messages = outbox.size();
        try {
            move.run();
        } catch (RuntimeException e) {
            store.restore(rows);
            timeline.truncate(lines);
            outbox.truncate(messages);
            throw e;
        }
    }
}
