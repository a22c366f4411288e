package dev.saga.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.saga.contract.schema.InvalidMessageException;
import dev.saga.contract.schema.MessageReader;
import dev.saga.definition.MessageTypes;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;

/**
 * Maps an {@link Envelope} and its payload to AMQP properties, headers and a JSON body, and back. Reading goes
 * through the {@link MessageReader} of the process's {@link MessageRegistry}: the body is validated against the
 * schema of its {@code type-version} and upcast to the current record, so a body that breaks its schema (or whose
 * type nobody registered) is malformed.
 */
public class EnvelopeCodec {

    static final String TYPE_VERSION = "type-version";
    /** The header naming the saga a message belongs to. */
    public static final String SAGA_ID = "saga-id";
    static final String SAGA_TYPE = "saga-type";
    /** The header naming the saga step a command or reply belongs to. */
    public static final String STEP = "step";
    static final String ATTEMPT = "attempt";
    static final String CAUSATION_ID = "causation-id";
    static final String TRACEPARENT = "traceparent";

    private final ObjectMapper json;
    private final MessageReader reader;
    private final SenderIdentity identity;

    /** A codec that tells a received message's sender by its {@code user_id} only (see {@link SenderIdentity}). */
    public EnvelopeCodec(ObjectMapper json, MessageRegistry registry) {
        this(json, registry, SenderIdentity.NONE);
    }

    /** A codec of the process logged in as {@code identity}, which believes its own copies' sender headers. */
    public EnvelopeCodec(ObjectMapper json, MessageRegistry registry, SenderIdentity identity) {
        this.json = json;
        this.reader = registry.reader(json);
        this.identity = identity;
    }

    /** The envelope stamped with the current version of the payload's type, as the body is written now. */
    public Envelope versioned(Envelope envelope, Object payload) {
        return envelope.withTypeVersion(MessageTypes.versionOf(payload.getClass()));
    }

    /** The AMQP message of a payload written now: its JSON body, and the envelope at the payload's version. */
    public Message encode(Envelope envelope, Object payload) {
        return toAmqp(versioned(envelope, payload), payloadJson(payload));
    }

    public String payloadJson(Object payload) {
        try {
            return json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write " + payload.getClass().getName() + " as JSON", e);
        }
    }

    /**
     * The envelope as the outbox and the inbox store it beside its body: JSON text that only this codec reads
     * back, so both tables and the relay agree on one form.
     */
    public String storedForm(Envelope envelope) {
        try {
            return json.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write envelope " + envelope, e);
        }
    }

    /** An envelope stored by {@link #storedForm(Envelope)}; a row that cannot be read is a broken table. */
    public Envelope fromStoredForm(String stored) {
        try {
            return json.readValue(stored, Envelope.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable stored envelope: " + stored, e);
        }
    }

    public Message toAmqp(Envelope envelope, String body) {
        MessageProperties props = new MessageProperties();
        props.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        props.setContentEncoding("UTF-8");
        props.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        props.setMessageId(envelope.messageId().toString());
        props.setType(envelope.type());
        props.setTimestamp(Date.from(envelope.timestamp()));
        props.setHeader(TYPE_VERSION, envelope.typeVersion());
        if (envelope.correlationId() != null) {
            props.setCorrelationId(envelope.correlationId().toString());
        }
        if (envelope.replyTo() != null) {
            props.setReplyTo(envelope.replyTo());
        }
        if (envelope.sagaId() != null) {
            props.setHeader(SAGA_ID, envelope.sagaId().toString());
            props.setHeader(SAGA_TYPE, envelope.sagaType());
            props.setHeader(STEP, envelope.step());
            props.setHeader(ATTEMPT, envelope.attempt());
        }
        if (envelope.causationId() != null) {
            props.setHeader(CAUSATION_ID, envelope.causationId().toString());
        }
        if (envelope.traceparent() != null) {
            props.setHeader(TRACEPARENT, envelope.traceparent());
        }
        return new Message(body.getBytes(java.nio.charset.StandardCharsets.UTF_8), props);
    }

    /** Decodes envelope and payload; anything missing or unreadable is a {@link MalformedMessageException}. */
    public IncomingMessage fromAmqp(Message message) {
        MessageProperties props = message.getMessageProperties();
        Envelope envelope = envelopeOf(props);
        Object payload;
        try {
            payload = reader.read(envelope.type(), envelope.typeVersion(), message.getBody());
        } catch (InvalidMessageException e) {
            throw new MalformedMessageException(e.getMessage(), e);
        }
        return new IncomingMessage(envelope, payload, props.getReceivedExchange(), props.getReceivedRoutingKey(),
                identity.originOf(props));
    }

    private static Envelope envelopeOf(MessageProperties props) {
        Map<String, Object> headers = props.getHeaders();
        UUID messageId = uuid("message_id", props.getMessageId(), true);
        if (props.getType() == null || props.getType().isBlank()) {
            throw new MalformedMessageException("Missing property 'type'");
        }
        Instant timestamp = props.getTimestamp() == null ? Instant.now() : props.getTimestamp().toInstant();
        return new Envelope(messageId, props.getType(), number(headers.get(TYPE_VERSION), 1),
                uuid(SAGA_ID, string(headers.get(SAGA_ID)), false), string(headers.get(SAGA_TYPE)),
                string(headers.get(STEP)), number(headers.get(ATTEMPT), 0),
                uuid("correlation_id", props.getCorrelationId(), false),
                uuid(CAUSATION_ID, string(headers.get(CAUSATION_ID)), false),
                props.getReplyTo(), timestamp, string(headers.get(TRACEPARENT)));
    }

    private static String string(Object value) {
        return value == null ? null : value.toString();
    }

    private static int number(Object value, int fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.toString());
        } catch (NumberFormatException e) {
            throw new MalformedMessageException("Header is not a number: " + value, e);
        }
    }

    private static UUID uuid(String name, String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                throw new MalformedMessageException("Missing property '" + name + "'");
            }
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException("'" + name + "' is not a UUID: " + value, e);
        }
    }
}
