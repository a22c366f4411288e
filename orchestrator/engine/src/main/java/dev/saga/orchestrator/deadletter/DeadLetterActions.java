package dev.saga.orchestrator.deadletter;

import dev.saga.messaging.ConfirmedPublisher;
import dev.saga.messaging.EnvelopeCodec;
import dev.saga.messaging.MessageOrigin;
import dev.saga.messaging.ParkingLot;
import dev.saga.messaging.SenderIdentity;
import dev.saga.orchestrator.deadletter.Replay.NotReplayed;
import dev.saga.orchestrator.engine.SagaTimeline;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Component;

/**
 * What an operator does to parked messages. A replay publishes a copy, without the failure's headers, to the
 * parking queue's own work queue ({@link Destination#replayTo}) and nowhere else, whatever its headers say,
 * mandatory and confirmed; only then does the parked one leave its queue. The copy is the orchestrator's (its
 * broker user as {@code user_id}) and records who sent the original ({@link SenderIdentity}), so a replayed
 * reply is still only applied from its participant. A copy the broker cannot route or does not confirm leaves the
 * parked message where it is. A discard drops it. Either action on a saga's command or reply is recorded in that
 * saga's timeline with who did it.
 */
@Component
class DeadLetterActions {

    private final ParkingQueueSweep sweep;
    private final ConfirmedPublisher publisher;
    private final SagaTimeline timeline;
    private final SenderIdentity identity;

    DeadLetterActions(ParkingQueueSweep sweep, RabbitTemplate rabbit, SagaTimeline timeline,
                      SenderIdentity identity) {
        this.sweep = sweep;
        this.publisher = new ConfirmedPublisher(rabbit);
        this.timeline = timeline;
        this.identity = identity;
    }

    /**
     * Replays the message with this id (the first, should there be two), or every message if the id is null. The
     * id is the one {@link ParkedMessageIds} gives.
     */
    Replay replay(String queue, String messageId, String operator) {
        String workQueue = DeadLetterHeaders.workQueueOf(queue);
        Destination to = Destination.replayTo(workQueue);
        List<String> replayed = new ArrayList<>();
        List<NotReplayed> kept = new ArrayList<>();
        sweep.sweep(queue, withId(messageId), messageId == null ? Integer.MAX_VALUE : 1, parked -> {
            String id = ParkedMessageIds.of(parked);
            try {
                publisher.publish(to.exchange(), to.routingKey(), fresh(parked, workQueue));
            } catch (ConfirmedPublisher.UnroutableException e) {
                kept.add(new NotReplayed(id, "a replay goes only to its own work queue, through " + to + ", and "
                        + to.exchange() + " has no binding to " + workQueue + " with that key: its service runs"
                        + " without retry tiers (saga.retry.delays empty)"));
                return false;
            } catch (AmqpException e) {
                kept.add(new NotReplayed(id, e.getMessage()));
                return false;
            }
            replayed.add(id);
            recordInSagaTimeline(parked, operator + " replayed it from " + queue + " to " + to);
            return true;
        });
        return new Replay(queue, to, replayed.size(), replayed, kept);
    }

    /** Drops the first message with this id; empty if the queue holds none. */
    Optional<Discarded> discard(String queue, String messageId, String operator) {
        String workQueue = DeadLetterHeaders.workQueueOf(queue);
        List<Discarded> dropped = new ArrayList<>();
        sweep.sweep(queue, withId(messageId), 1, parked -> {
            MessageProperties props = parked.getMessageProperties();
            dropped.add(new Discarded(queue, ParkedMessageIds.of(parked), props.getType(),
                    Destination.replayTo(workQueue),
                    DeadLetterHeaders.publishedTo(props.getHeaders(), workQueue).orElse(null),
                    Objects.toString(props.getHeaders().get(ParkingLot.ERROR_CLASS), null),
                    Objects.toString(props.getHeaders().get(ParkingLot.ERROR_MESSAGE), null)));
            recordInSagaTimeline(parked, operator + " discarded it from " + queue);
            return true;
        });
        return dropped.stream().findFirst();
    }

    /** A parked command or reply belongs to a saga: the operator's action goes into that saga's timeline. */
    private void recordInSagaTimeline(Message parked, String what) {
        MessageProperties props = parked.getMessageProperties();
        UUID saga = uuidOrNull(props.getHeaders().get(EnvelopeCodec.SAGA_ID));
        if (saga != null) {
            timeline.recordIfKnown(saga, SagaTimeline.Kind.ADMIN_ACTION,
                    Objects.toString(props.getHeaders().get(EnvelopeCodec.STEP), null),
                    uuidOrNull(props.getMessageId()), props.getType(), what);
        }
    }

    private static UUID uuidOrNull(Object value) {
        try {
            return value == null ? null : UUID.fromString(value.toString());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Predicate<Message> withId(String messageId) {
        return parked -> messageId == null || messageId.equals(ParkedMessageIds.of(parked));
    }

    /**
     * The parked message as it was first published: same id, type, envelope headers and body; no failure
     * headers and no {@code x-death}, so its retries start again from the first tier. It records the original's
     * verified sender and first routing key: from a copy the orchestrator parked, that copy's record; from a
     * message the broker dead-lettered, its {@code user_id} and the routing key the broker recorded.
     */
    private Message fresh(Message parked, String workQueue) {
        MessageProperties props = parked.getMessageProperties();
        MessageOrigin origin = identity.originOf(props);
        if (!identity.isOwn(props) || !props.getHeaders().containsKey(SenderIdentity.SENDER)) {
            origin = new MessageOrigin(origin.sender(), DeadLetterHeaders.deadLetteredWith(props.getHeaders(),
                    workQueue).orElse(origin.routingKey()));
        }
        props.getHeaders().keySet().removeIf(DeadLetterHeaders::isFailureHeader);
        SenderIdentity.carry(parked, origin);
        // Spring AMQP would otherwise write the retry count it derived from the x-death just removed.
        props.setRetryCount(0);
        props.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        return parked;
    }

}
