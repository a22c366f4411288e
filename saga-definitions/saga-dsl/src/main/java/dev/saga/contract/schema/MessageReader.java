package dev.saga.contract.schema;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.saga.definition.MessageTypes;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads a message body the way every consumer must. The body is parsed once into a tree, validated against the
 * schema of the version its producer wrote, brought up to the current version by the upcasters, completed with
 * the defaults of absent optional fields, and bound to the current record, ignoring fields this reader does not
 * know (a tolerant reader).
 *
 * <p>A version newer than this reader knows comes from a producer deployed before its consumers. It is read
 * against the current schema: if it still has every field this reader requires, it is handled (new fields are
 * ignored); if not, it is rejected like any invalid message and parked, to be replayed once the consumer is
 * upgraded. Validators and upcaster chains are prepared once per type and version, not per message.
 */
public final class MessageReader {

    private final ObjectMapper json;
    private final MessageTypes types;
    private final Upcasters upcasters;
    private final ReleasedSchemas schemas;
    private final Map<String, TypeReader> readers = new ConcurrentHashMap<>();

    public MessageReader(ObjectMapper json, MessageTypes types, Upcasters upcasters, ReleasedSchemas schemas) {
        this.json = json;
        this.types = types;
        this.upcasters = upcasters;
        this.schemas = schemas;
    }

    /** Reads with the schemas on the class path (each contract module packages its own). */
    public MessageReader(ObjectMapper json, MessageTypes types, Upcasters upcasters) {
        this(json, types, upcasters, ReleasedSchemas.onClasspath());
    }

    /** The current record of {@code type}, read from a body written at {@code version}. */
    public Object read(String type, int version, byte[] body) {
        TypeReader reader = readers.computeIfAbsent(type, this::readerOf);
        JsonNode tree;
        try {
            tree = json.readTree(body);
        } catch (IOException e) {
            throw new InvalidMessageException("Body of " + type + " is not JSON: " + e.getMessage(), e);
        }
        if (tree == null || tree.isMissingNode()) {
            throw new InvalidMessageException("Body of " + type + " is empty");
        }
        return reader.read(tree, version);
    }

    private TypeReader readerOf(String type) {
        Class<?> record = types.find(type)
                .orElseThrow(() -> new InvalidMessageException("Unknown message type '" + type + "'"));
        return new TypeReader(type, record, json.readerFor(record)
                .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES), upcasters, schemas);
    }
}
