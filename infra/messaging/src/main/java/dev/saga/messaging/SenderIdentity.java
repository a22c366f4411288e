package dev.saga.messaging;

import java.util.Map;
import java.util.Objects;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;

/**
 * This process's broker user, and who sent what it receives. RabbitMQ refuses a publish whose {@code user_id}
 * is not the connection's login, so a message's {@code user_id} names its real publisher; every message this
 * process publishes carries its own ({@link #stamp}, before every publish of the service's RabbitTemplate).
 *
 * <p>A copy this process republishes of a received message (a retry tier, the parking queue, a replay) is then
 * its own, so the copy records the original's verified sender in {@value #SENDER} (empty when it had none) and
 * the routing key it was first published with in {@value #SENDER_ROUTING_KEY}. Those headers are believed only
 * on a message whose {@code user_id} is this process's own user, since only this process could have published
 * it; anyone else's are replaced.
 */
public final class SenderIdentity {

    public static final String SENDER = "saga-sender";
    public static final String SENDER_ROUTING_KEY = "saga-sender-routing-key";

    /** A reader that publishes nothing of its own: it believes {@code user_id} and never a header. */
    public static final SenderIdentity NONE = new SenderIdentity();

    private final String ownUser;

    public SenderIdentity(String ownUser) {
        if (ownUser == null || ownUser.isBlank()) {
            throw new IllegalArgumentException("The broker user (spring.rabbitmq.username) must be set");
        }
        this.ownUser = ownUser;
    }

    private SenderIdentity() {
        this.ownUser = null;
    }

    public String ownUser() {
        return ownUser;
    }

    /** Marks a message about to be published as this process's: RabbitMQ checks it against the login. */
    public Message stamp(Message message) {
        message.getMessageProperties().setUserId(ownUser);
        return message;
    }

    /** Whether this process published the received message (so its own headers on it can be believed). */
    public boolean isOwn(MessageProperties received) {
        return ownUser != null && ownUser.equals(received.getReceivedUserId());
    }

    /**
     * The verified sender of a received message: its {@code user_id}; when that is this process's own user, the
     * sender its own copy recorded (none if it recorded none: the copy is an original of this process's).
     */
    public MessageOrigin originOf(MessageProperties received) {
        String userId = received.getReceivedUserId();
        if (userId == null || userId.isEmpty()) {
            return new MessageOrigin(null, received.getReceivedRoutingKey());
        }
        if (!isOwn(received) || !received.getHeaders().containsKey(SENDER)) {
            return new MessageOrigin(userId, received.getReceivedRoutingKey());
        }
        Map<String, Object> headers = received.getHeaders();
        String sender = Objects.toString(headers.get(SENDER), "");
        Object routingKey = headers.get(SENDER_ROUTING_KEY);
        return new MessageOrigin(sender.isEmpty() ? null : sender, routingKey == null ? null : routingKey.toString());
    }

    /** Writes the received message's origin into the headers of the copy about to be republished from it. */
    public void carryOrigin(Message message) {
        carry(message, originOf(message.getMessageProperties()));
    }

    /** Writes {@code origin} into the headers of a copy this process is about to publish. */
    public static void carry(Message message, MessageOrigin origin) {
        MessageProperties props = message.getMessageProperties();
        props.setHeader(SENDER, origin.verified() ? origin.sender() : "");
        if (origin.routingKey() == null) {
            props.getHeaders().remove(SENDER_ROUTING_KEY);
        } else {
            props.setHeader(SENDER_ROUTING_KEY, origin.routingKey());
        }
    }
}
