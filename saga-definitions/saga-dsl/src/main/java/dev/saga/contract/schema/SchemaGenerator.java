package dev.saga.contract.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.saga.contract.Default;
import dev.saga.contract.Nullable;
import dev.saga.definition.MessageTypes;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.Collection;
import java.util.UUID;

/**
 * Derives the JSON Schema (draft 2020-12) of a message record from its components, so the record stays the one
 * source of truth. Every field is required unless it is {@link Nullable} or has a {@link Default}; nested records
 * are described in place, so each stored schema stands alone. Unknown fields are allowed: readers ignore them.
 */
public final class SchemaGenerator {

    static final String DRAFT = "https://json-schema.org/draft/2020-12/schema";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SchemaGenerator() {
    }

    /** The schema of the record's current version. */
    public static ObjectNode schemaOf(Class<?> message) {
        ObjectNode schema = NODES.objectNode();
        schema.put("$schema", DRAFT);
        schema.put("title", MessageTypes.nameOf(message));
        schema.put("$comment", "Version " + MessageTypes.versionOf(message) + ", generated from "
                + message.getName() + "; never edit a released version.");
        schema.setAll(objectSchema(message));
        return schema;
    }

    private static ObjectNode objectSchema(Class<?> record) {
        if (!record.isRecord()) {
            throw new IllegalArgumentException(record.getName() + " is not a record");
        }
        ObjectNode schema = NODES.objectNode().put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = NODES.arrayNode();
        for (RecordComponent component : record.getRecordComponents()) {
            ObjectNode property = valueSchema(component.getGenericType(), record.getSimpleName() + "."
                    + component.getName());
            Default fallback = component.getAnnotation(Default.class);
            if (component.isAnnotationPresent(Nullable.class)) {
                allowNull(property, component);
            } else if (fallback != null) {
                property.set("default", defaultValue(property, fallback.value(), component));
            } else {
                required.add(component.getName());
            }
            properties.set(component.getName(), property);
        }
        schema.set("required", required);
        return schema;
    }

    private static ObjectNode valueSchema(Type type, String where) {
        if (type instanceof ParameterizedType generic && generic.getRawType() instanceof Class<?> raw
                && Collection.class.isAssignableFrom(raw)) {
            ObjectNode array = NODES.objectNode().put("type", "array");
            array.set("items", valueSchema(generic.getActualTypeArguments()[0], where + "[]"));
            return array;
        }
        if (!(type instanceof Class<?> plain)) {
            throw new IllegalArgumentException("Cannot describe " + where + " of type " + type);
        }
        if (plain == UUID.class) {
            return NODES.objectNode().put("type", "string").put("format", "uuid");
        }
        if (plain == Instant.class) {
            return NODES.objectNode().put("type", "string").put("format", "date-time");
        }
        if (plain == String.class) {
            return NODES.objectNode().put("type", "string");
        }
        if (plain == int.class || plain == Integer.class || plain == long.class || plain == Long.class) {
            return NODES.objectNode().put("type", "integer");
        }
        if (plain == double.class || plain == Double.class) {
            return NODES.objectNode().put("type", "number");
        }
        if (plain == boolean.class || plain == Boolean.class) {
            return NODES.objectNode().put("type", "boolean");
        }
        if (plain.isEnum()) {
            ObjectNode schema = NODES.objectNode().put("type", "string");
            ArrayNode values = schema.putArray("enum");
            for (Object constant : plain.getEnumConstants()) {
                values.add(((Enum<?>) constant).name());
            }
            return schema;
        }
        if (plain.isRecord()) {
            return objectSchema(plain);
        }
        throw new IllegalArgumentException("Cannot describe " + where + " of type " + plain.getName()
                + "; use a record, a List, an enum, UUID, Instant, String, a number or a boolean");
    }

    private static void allowNull(ObjectNode property, RecordComponent component) {
        if (component.getType().isPrimitive()) {
            throw new IllegalArgumentException(component + " is a primitive and cannot be @Nullable");
        }
        property.set("type", NODES.arrayNode().add(property.get("type").asText()).add("null"));
        if (property.has("enum")) {
            ((ArrayNode) property.get("enum")).addNull();
        }
    }

    private static JsonNode defaultValue(ObjectNode property, String value, RecordComponent component) {
        try {
            return switch (property.get("type").asText()) {
                case "integer" -> NODES.numberNode(Long.parseLong(value));
                case "number" -> NODES.numberNode(Double.parseDouble(value));
                case "boolean" -> NODES.booleanNode(Boolean.parseBoolean(value));
                case "string" -> NODES.textNode(value);
                default -> throw new IllegalArgumentException("Only a string, number or boolean can have a default");
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("The default of " + component + " is not a number: " + value, e);
        }
    }
}
