package dev.saga.orchestrator.admin.deadletter;

import dev.saga.messaging.ConfirmedPublisher;
import dev.saga.messaging.EnvelopeCodec;
import dev.saga.messaging.ParkingLot;
import dev.saga.orchestrator.admin.deadletter.Replay.NotReplayed;
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
 * What an operator does to parked messages. A replay publishes a copy, without the failure's headers, to where
 * the message was first published, mandatory and confirmed; only then does the parked one leave its queue. A
 * copy the broker cannot route or does not confirm leaves the parked message where it is. A discard drops it.
 * Either action on a saga's command or reply is recorded in that saga's timeline with who did it.
 */
@Component
class DeadLetterActions {

    private final ParkingQueueSweep sweep;
    private final ConfirmedPublisher publisher;
    private final SagaTimeline timeline;

    DeadLetterActions(ParkingQueueSweep sweep, RabbitTemplate rabbit, SagaTimeline timeline) {
        this.sweep = sweep;
        this.publisher = new ConfirmedPublisher(rabbit);
        this.timeline = timeline;
    }

    /** Replays the message with this id (the first, should there be two), or every message if the id is null. */
    Replay replay(String queue, String messageId, String operator) {
        String workQueue = DeadLetterHeaders.workQueueOf(queue);
        List<String> replayed = new ArrayList<>();
        List<NotReplayed> kept = new ArrayList<>();
        sweep.sweep(queue, withId(messageId), messageId == null ? Integer.MAX_VALUE : 1, parked -> {
            String id = parked.getMessageProperties().getMessageId();
            Optional<Destination> to = DeadLetterHeaders.original(parked.getMessageProperties().getHeaders(),
                    workQueue);
            if (to.isEmpty()) {
                kept.add(new NotReplayed(id, "its headers do not say where it was published"));
                return false;
            }
            try {
                publisher.publish(to.get().exchange(), to.get().routingKey(), fresh(parked));
            } catch (AmqpException e) {
                kept.add(new NotReplayed(id, e.getMessage()));
                return false;
            }
            replayed.add(id);
            recordInSagaTimeline(parked, operator + " replayed it from " + queue + " to " + to.get());
            return true;
        });
        return new Replay(queue, replayed.size(), replayed, kept);
    }

    /** Drops the first message with this id; empty if the queue holds none. */
    Optional<Discarded> discard(String queue, String messageId, String operator) {
        String workQueue = DeadLetterHeaders.workQueueOf(queue);
        List<Discarded> dropped = new ArrayList<>();
        sweep.sweep(queue, withId(messageId), 1, parked -> {
            MessageProperties props = parked.getMessageProperties();
            dropped.add(new Discarded(queue, props.getMessageId(), props.getType(),
                    DeadLetterHeaders.original(props.getHeaders(), workQueue).orElse(null),
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
        return parked -> messageId == null || messageId.equals(parked.getMessageProperties().getMessageId());
    }

    /**
     * The parked message as it was first published: same id, type, envelope headers and body; no failure
     * headers and no {@code x-death}, so its retries start again from the first tier.
     */
    private static Message fresh(Message parked) {
        MessageProperties props = parked.getMessageProperties();
        props.getHeaders().keySet().removeIf(DeadLetterHeaders::isFailureHeader);
        // Spring AMQP would otherwise write the retry count it derived from the x-death just removed.
        props.setRetryCount(0);
        props.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        return parked;
    }

}
