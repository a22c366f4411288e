package dev.saga.orchestrator.deadletter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import org.springframework.amqp.core.Message;

/**
 * The id an operator names a parked message by: its {@code message_id}, or for a message without one an id
 * derived from what it holds, {@code content-<hex>} (its type and the first {@link RabbitManagement#BODY_LIMIT}
 * bytes of its body, which is all a listing reads). The same message gets the same id in a listing and when it
 * is taken off the queue, however often it is listed; two messages alike in type and body share it, and one
 * action takes the first of them, as for two messages with one {@code message_id}.
 */
final class ParkedMessageIds {

    static final String DERIVED_PREFIX = "content-";
    private static final int HEX_DIGITS = 32;

    private ParkedMessageIds() {
    }

    static String of(Message parked) {
        return of(parked.getMessageProperties().getMessageId(), parked.getMessageProperties().getType(),
                parked.getBody());
    }

    /** {@code body} may be cut short at {@link RabbitManagement#BODY_LIMIT} bytes, as a listing reads it. */
    static String of(String messageId, String type, byte[] body) {
        if (messageId != null && !messageId.isEmpty()) {
            return messageId;
        }
        byte[] read = body.length > RabbitManagement.BODY_LIMIT
                ? Arrays.copyOf(body, RabbitManagement.BODY_LIMIT) : body;
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((type == null ? "" : type).getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
            sha.update(read);
            return DERIVED_PREFIX + HexFormat.of().formatHex(sha.digest()).substring(0, HEX_DIGITS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
