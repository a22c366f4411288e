package dev.saga.messaging;

import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageListener;

/**
 * Decodes each delivery and hands it to a handler. A malformed message is parked at once and acknowledged,
 * so it never blocks the queue; any other failure propagates, and the container returns the message to the
 * queue (the quorum queue's delivery limit parks a message that fails every time).
 */
public class EnvelopeListener implements MessageListener {

    private static final Logger LOG = LoggerFactory.getLogger(EnvelopeListener.class);

    private final String queue;
    private final EnvelopeCodec codec;
    private final ParkingLot parking;
    private final Consumer<IncomingMessage> handler;

    public EnvelopeListener(String queue, EnvelopeCodec codec, ParkingLot parking, Consumer<IncomingMessage> handler) {
        this.queue = queue;
        this.codec = codec;
        this.parking = parking;
        this.handler = handler;
    }

    @Override
    public void onMessage(Message message) {
        try {
            handler.accept(codec.fromAmqp(message));
        } catch (MalformedMessageException e) {
            LOG.warn("Parking malformed message {} from {}: {}", message.getMessageProperties().getMessageId(), queue,
                    e.getMessage());
            parking.park(message, queue, e);
        }
    }
}
