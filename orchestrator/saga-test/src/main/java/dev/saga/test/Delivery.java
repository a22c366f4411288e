package dev.saga.test;

import dev.saga.messaging.Envelope;
import dev.saga.messaging.Inbox;
import dev.saga.messaging.OutboundMessage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One delivery of a message to a participant through the {@link ParticipantTestKit}, already handled: what it
 * replied, what the watched rows were before and after it, and, for a repeated delivery, the first one to compare
 * with. Every {@code expect...} fails with an {@link AssertionError} that says what happened instead.
 */
public final class Delivery {

    private final ParticipantTestKit kit;
    private final Envelope envelope;
    private final Object message;
    /** The first delivery of this message id; null for the first itself. */
    private final Delivery first;
    private List<OutboundMessage> replies;
    private List<List<Map<String, Object>>> before;
    private List<List<Map<String, Object>>> after;

    Delivery(ParticipantTestKit kit, Envelope envelope, Object message, Delivery first) {
        this.kit = kit;
        this.envelope = envelope;
        this.message = message;
        this.first = first;
    }

    Delivery handled() {
        ParticipantTables tables = kit.tables();
        before = tables.read(kit.watched());
        long lastRow = tables.lastOutboxRow();
        kit.dispatch(envelope, message);
        replies = tables.repliesSince(lastRow, envelope.messageId());
        after = tables.read(kit.watched());
        return this;
    }

    /** The delivery replied with one message of this type (a payload valid against its schema). */
    public <R> Delivery expectReply(Class<R> type) {
        return expectReply(type, reply -> { });
    }

    /** The delivery replied with one message of this type, and it passes {@code check}. */
    public <R> Delivery expectReply(Class<R> type, Consumer<? super R> check) {
        Object reply = reply();
        if (!type.isInstance(reply)) {
            throw new AssertionError(describe() + " replied " + reply + ", not a " + type.getSimpleName());
        }
        check.accept(type.cast(reply));
        if (first == null) {
            expectStored(theReply());
        }
        return this;
    }

    /** The delivery's one reply, as the orchestrator reads it. */
    public Object reply() {
        return kit.tables().payloadOf(theReply());
    }

    /** The delivery changed what the watched queries show: the watch sees the effect a duplicate must not repeat. */
    public Delivery expectEffect() {
        if (before().equals(after)) {
            throw new AssertionError(describe() + " changed nothing that " + kit.watched() + " show: " + after
                    + ". Watch the rows its handler changes, or expectNoFurtherEffect() proves nothing.");
        }
        return this;
    }

    /** The same message again, same message id and attempt: a redelivery, handed over alone as the consumer does. */
    public Delivery deliverAgain() {
        return new Delivery(kit, envelope, message, firstDelivery()).handled();
    }

    /** The same message id at the next attempt: a resend after a deadline, as the orchestrator sends it. */
    public Delivery resend() {
        Envelope next = new Envelope(envelope.messageId(), envelope.type(), envelope.typeVersion(), envelope.sagaId(),
                envelope.sagaType(), envelope.step(), envelope.attempt() + 1, envelope.correlationId(),
                envelope.causationId(), envelope.replyTo(), Instant.now(), envelope.traceparent());
        return new Delivery(kit, next, message, firstDelivery()).handled();
    }

    /**
     * This repeated delivery sent the reply the first one stored: the very message (same reply message id and body),
     * not a new answer, however the handler would answer now; and the inbox still holds that reply.
     */
    public Delivery expectSameReply() {
        Delivery original = repeatOf("expectSameReply");
        List<String> sent = replies.stream().map(Delivery::identity).toList();
        List<String> stored = original.replies.stream().map(Delivery::identity).toList();
        if (!sent.equals(stored)) {
            throw new AssertionError(describe() + " sent " + sent + " instead of the reply the first delivery"
                    + " stored, " + stored + ": a duplicate must get the stored reply, not a new answer");
        }
        original.replies.forEach(this::expectStored);
        return this;
    }

    /**
     * This repeated delivery left the watched rows as it found them. A change means the handler's work escaped the
     * transaction that the inbox rolls back for a duplicate.
     */
    public Delivery expectNoFurtherEffect() {
        repeatOf("expectNoFurtherEffect");
        if (!before().equals(after)) {
            throw new AssertionError(describe() + " changed what " + kit.watched() + " show, from " + before
                    + " to " + after + ". A duplicate's handler runs in a transaction the inbox rolls back, so this"
                    + " change was written outside it: through another connection or data source, in a transaction"
                    + " of its own, or to another system.");
        }
        return this;
    }

    private List<List<Map<String, Object>>> before() {
        if (kit.watched().isEmpty()) {
            throw new IllegalStateException("Nothing is watched: name the rows the handler changes with"
                    + " ParticipantTestKit.watching(query) before delivering");
        }
        return before;
    }

    private OutboundMessage theReply() {
        if (replies.size() != 1) {
            throw new AssertionError(describe() + " sent " + replies.size() + " replies, not one: "
                    + replies.stream().map(Delivery::identity).toList());
        }
        return replies.get(0);
    }

    private void expectStored(OutboundMessage reply) {
        Optional<OutboundMessage> stored = kit.tables().handled(envelope.messageId())
                .flatMap(Inbox.Handled::storedReply);
        if (stored.isEmpty() || !identity(stored.get()).equals(identity(reply))) {
            throw new AssertionError(describe() + " sent " + identity(reply) + " but the inbox stored "
                    + stored.map(Delivery::identity).orElse("no reply"));
        }
    }

    private Delivery firstDelivery() {
        return first == null ? this : first;
    }

    private Delivery repeatOf(String check) {
        if (first == null) {
            throw new IllegalStateException(check + "() compares a repeated delivery with the first:"
                    + " call deliverAgain() or resend() first");
        }
        return first;
    }

    private String describe() {
        String which = first == null ? "The delivery" : "The repeated delivery (attempt " + envelope.attempt() + ")";
        return which + " of " + envelope.type() + " " + envelope.messageId();
    }

    /** What makes a reply the same message: its id, type, routing key and body. */
    private static String identity(OutboundMessage reply) {
        return reply.envelope().type() + " " + reply.envelope().messageId() + " to " + reply.routingKey() + " "
                + reply.body();
    }
}
