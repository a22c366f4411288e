package dev.saga.contract.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.saga.definition.MessageTypes;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/** Reads one message type: a validator per released version and an upcaster chain per older version, built once. */
final class TypeReader {

    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    /**
     * Formats (uuid, date-time) are checked, not only annotated: a bad UUID would fail later, in the handler.
     * Errors name fields as JSON paths ({@code $.lines[0].quantity}), which read well in a parked message.
     */
    private static final SchemaValidatorsConfig SETTINGS = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true).pathType(PathType.JSON_PATH).build();

    private final String type;
    private final int current;
    private final ObjectReader binder;
    private final Upcasters upcasters;
    private final ReleasedSchemas schemas;
    private final JsonNode currentSchema;
    private final Map<Integer, JsonSchema> validators = new ConcurrentHashMap<>();
    private final Map<Integer, UnaryOperator<ObjectNode>> chains = new ConcurrentHashMap<>();

    TypeReader(String type, Class<?> record, ObjectReader binder, Upcasters upcasters, ReleasedSchemas schemas) {
        this.type = type;
        this.current = MessageTypes.versionOf(record);
        this.binder = binder;
        this.upcasters = upcasters;
        this.schemas = schemas;
        this.currentSchema = schema(current);
    }

    Object read(JsonNode tree, int version) {
        if (version < 1) {
            throw new InvalidMessageException(type + " has no version " + version);
        }
        int readAs = Math.min(version, current);
        Set<ValidationMessage> errors = validators.computeIfAbsent(readAs, this::validator).validate(tree);
        if (!errors.isEmpty()) {
            throw new InvalidMessageException(type + " v" + version
                    + (version > current ? " (read as v" + current + ")" : "") + " does not match its schema: "
                    + errors.stream().map(ValidationMessage::getMessage).sorted().collect(Collectors.joining("; ")));
        }
        ObjectNode upToDate = chains.computeIfAbsent(readAs, from -> upcasters.chain(type, from, current))
                .apply((ObjectNode) tree);
        SchemaDefaults.fill(currentSchema, upToDate);
        try {
            return binder.readValue(upToDate);
        } catch (IOException e) {
            throw new InvalidMessageException(type + " v" + version + " cannot be read as "
                    + binder.getValueType() + ": " + e.getMessage(), e);
        }
    }

    private JsonSchema validator(int version) {
        return SCHEMAS.getSchema(schema(version), SETTINGS);
    }

    private JsonNode schema(int version) {
        return schemas.find(type, version).orElseThrow(() -> new InvalidMessageException(
                type + " v" + version + " has no released schema " + ReleasedSchemas.fileOf(type, version)));
    }
}
