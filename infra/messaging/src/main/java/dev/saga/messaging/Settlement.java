package dev.saga.messaging;

import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles what a consumer took at once, after its handlers returned. A delivery that must go back to the queue
 * is rejected on its own right away; all the others are acknowledged at the end with one {@code multiple} ack
 * of the last of them, which covers every earlier delivery on the channel, since each was settled by then.
 */
final class Settlement {

    private static final Logger LOG = LoggerFactory.getLogger(Settlement.class);

    private final Subscription subscription;
    private final String queue;
    private long lastAcknowledged = -1;
    private int acknowledged;

    Settlement(Subscription subscription, String queue) {
        this.subscription = subscription;
        this.queue = queue;
    }

    /** The delivery is done with: handled, retried through a tier, or parked. */
    void acknowledge(long deliveryTag) {
        lastAcknowledged = Math.max(lastAcknowledged, deliveryTag);
        acknowledged++;
    }

    /** The delivery goes back to the queue: it comes again, flagged as redelivered, and then alone. */
    void requeue(long deliveryTag) {
        try {
            subscription.requeue(deliveryTag);
        } catch (IOException | RuntimeException e) {
            LOG.debug("Could not return delivery {} to {}; its channel is gone, which returns it", deliveryTag,
                    queue, e);
        }
    }

    void finish() {
        if (lastAcknowledged < 0) {
            return;
        }
        try {
            subscription.ackUpTo(lastAcknowledged);
        } catch (IOException | RuntimeException e) {
            // Handled and committed, but not acknowledged: the broker delivers them again, and the inboxes and
            // the saga's step check absorb the duplicates.
            LOG.info("Could not acknowledge {} handled messages from {} ({}); they will be delivered again",
                    acknowledged, queue, e.toString());
        }
    }
}
