package dev.saga.contract.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** Fills the fields a message lacks with the defaults its schema declares, in nested records and lists too. */
final class SchemaDefaults {

    private SchemaDefaults() {
    }

    static void fill(JsonNode schema, JsonNode instance) {
        if (instance instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : schema.path("properties").properties()) {
                JsonNode value = object.get(field.getKey());
                if (value == null && field.getValue().has("default")) {
                    object.set(field.getKey(), field.getValue().get("default").deepCopy());
                } else if (value != null) {
                    fill(field.getValue(), value);
                }
            }
        } else if (instance.isArray() && schema.has("items")) {
            instance.forEach(item -> fill(schema.get("items"), item));
        }
    }
}
