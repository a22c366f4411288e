package dev.saga.contract.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Writes a message as a producer of a given schema version would: every field that schema knows, filled in. */
final class SampleMessages {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SampleMessages() {
    }

    static ObjectNode of(JsonNode schema) {
        return (ObjectNode) value("message", schema);
    }

    private static JsonNode value(String name, JsonNode schema) {
        JsonNode type = schema.path("type");
        String first = type.isArray() ? type.get(0).asText() : type.asText();
        return switch (first) {
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                for (Map.Entry<String, JsonNode> field : schema.path("properties").properties()) {
                    object.set(field.getKey(), value(field.getKey(), field.getValue()));
                }
                yield object;
            }
            case "array" -> NODES.arrayNode().add(value(name, schema.get("items")))
                    .add(value(name, schema.get("items")));
            case "integer" -> NODES.numberNode(7);
            case "number" -> NODES.numberNode(1.5);
            case "boolean" -> NODES.booleanNode(true);
            case "string" -> NODES.textNode(text(name, schema));
            default -> throw new IllegalArgumentException("No sample for " + schema);
        };
    }

    private static String text(String name, JsonNode schema) {
        if (schema.has("enum")) {
            return schema.get("enum").get(0).asText();
        }
        return switch (schema.path("format").asText("")) {
            case "uuid" -> UUID.randomUUID().toString();
            case "date-time" -> Instant.parse("2025-01-02T03:04:05Z").toString();
            default -> name + " sample";
        };
    }
}
