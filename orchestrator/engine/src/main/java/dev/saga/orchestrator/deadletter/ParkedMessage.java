package dev.saga.orchestrator.deadletter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.saga.messaging.ParkingLot;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/**
 * One parked message as an operator reads it: what it is, why it failed, where a replay sends it, and its body.
 *
 * @param messageId    its {@code message_id}, or for a message without one an id derived from its content
 *                     ({@code content-<hex>}, see {@link ParkedMessageIds}); replay and discard take either
 * @param replayTo     where a replay sends it: always its parking queue's own work queue, through
 *                     {@code saga.retry} with the work queue's name as routing key
 * @param publishedTo  where its headers say it was first published ({@code null} when they do not say); anyone
 *                     who may park a message may write them, so this informs and is never a destination
 * @param errorClass   with the next three, the failure's headers; {@code null} when the broker dead-lettered it
 * @param brokerReason why the broker dead-lettered it (e.g. {@code delivery_limit}), {@code null} otherwise
 * @param headers      the message's own headers (saga id, step, trace, ...)
 * @param bodyEncoding {@code json} (the body parsed), {@code text}, or {@code base64} when it is not text
 * @param bodyBytes    the body's full size; a body longer than {@link RabbitManagement#BODY_LIMIT} is cut short
 */
public record ParkedMessage(
        String messageId,
        String type,
        Instant timestamp,
        Destination replayTo,
        Destination publishedTo,
        String errorClass,
        String errorMessage,
        Integer attempts,
        String firstFailureAt,
        String brokerReason,
        Map<String, Object> headers,
        String bodyEncoding,
        long bodyBytes,
        JsonNode body) {

    private static final TypeReference<Map<String, Object>> HEADERS = new TypeReference<>() {
    };

    /** Reads one entry of the management API's answer to {@code POST /api/queues/{vhost}/{queue}/get}. */
    static ParkedMessage fromManagement(JsonNode got, String workQueue, ObjectMapper json) {
        JsonNode props = got.path("properties");
        Map<String, Object> headers = props.has("headers")
                ? json.convertValue(props.get("headers"), HEADERS) : Map.of();
        String payload = got.path("payload").asText();
        boolean binary = "base64".equals(got.path("payload_encoding").asText());
        JsonNode parsed = binary ? null : parsedOrNull(payload, json);
        String type = text(props, "type");
        byte[] bodyRead = binary ? Base64.getDecoder().decode(payload) : payload.getBytes(StandardCharsets.UTF_8);
        return new ParkedMessage(
                ParkedMessageIds.of(text(props, "message_id"), type, bodyRead),
                type,
                props.path("timestamp").isNumber() ? Instant.ofEpochSecond(props.get("timestamp").asLong()) : null,
                Destination.replayTo(workQueue),
                DeadLetterHeaders.publishedTo(headers, workQueue).orElse(null),
                string(headers.get(ParkingLot.ERROR_CLASS)),
                string(headers.get(ParkingLot.ERROR_MESSAGE)),
                headers.get(ParkingLot.ATTEMPTS) instanceof Number attempts ? attempts.intValue() : null,
                string(headers.get(ParkingLot.FIRST_FAILURE)),
                DeadLetterHeaders.brokerReason(headers, workQueue).orElse(null),
                DeadLetterHeaders.withoutFailure(headers),
                binary ? "base64" : parsed != null ? "json" : "text",
                got.path("payload_bytes").asLong(),
                parsed != null ? parsed : TextNode.valueOf(payload));
    }

    private static JsonNode parsedOrNull(String payload, ObjectMapper json) {
        try {
            JsonNode parsed = json.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(payload);
            return parsed == null || parsed.isMissingNode() ? null : parsed;
        } catch (JsonProcessingException notJson) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private static String string(Object value) {
        return value == null ? null : value.toString();
    }
}
