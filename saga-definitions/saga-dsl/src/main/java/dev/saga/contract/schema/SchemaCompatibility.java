package dev.saga.contract.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the changes between two schemas of a message that would break a reader of the new version given a
 * message of the old one: a required field removed, a field retyped (or made non-null, or its format or enum
 * narrowed), an optional field made required, or a new required field without a default. Adding an optional
 * field, dropping an optional one, or widening a type is compatible.
 */
public final class SchemaCompatibility {

    private SchemaCompatibility() {
    }

    /** The breaking changes from {@code older} to {@code newer}, one sentence each; empty if compatible. */
    public static List<String> breakingChanges(JsonNode older, JsonNode newer) {
        List<String> problems = new ArrayList<>();
        compareObjects("", older, newer, problems);
        return problems;
    }

    private static void compareObjects(String path, JsonNode older, JsonNode newer, List<String> problems) {
        Set<String> olderRequired = values(older.path("required"));
        Set<String> newerRequired = values(newer.path("required"));
        JsonNode olderFields = older.path("properties");
        JsonNode newerFields = newer.path("properties");
        for (String field : olderRequired) {
            if (!newerFields.has(field)) {
                problems.add(path + field + ": required field removed");
            }
        }
        for (Map.Entry<String, JsonNode> field : older.path("properties").properties()) {
            if (newerFields.has(field.getKey())) {
                compareValues(path + field.getKey(), field.getValue(), newerFields.get(field.getKey()), problems);
            }
        }
        for (String field : newerRequired) {
            if (olderRequired.contains(field)) {
                continue;
            }
            problems.add(path + field + (olderFields.has(field) ? ": optional field became required"
                    : ": new required field without a default"));
        }
    }

    private static void compareValues(String path, JsonNode older, JsonNode newer, List<String> problems) {
        Set<String> olderTypes = types(older);
        Set<String> newerTypes = types(newer);
        if (newerTypes.isEmpty()) {
            return; // no type at all: the newer schema accepts anything here
        }
        if (newerTypes.contains("number")) {
            newerTypes.add("integer");
        }
        if (!newerTypes.containsAll(olderTypes)) {
            Set<String> lost = new LinkedHashSet<>(olderTypes);
            lost.removeAll(newerTypes);
            problems.add(path + (lost.equals(Set.of("null")) ? ": may no longer be null"
                    : ": retyped from " + olderTypes + " to " + types(newer)));
            return;
        }
        String newerFormat = newer.path("format").asText(null);
        if (newerFormat != null && !newerFormat.equals(older.path("format").asText(null))) {
            problems.add(path + ": format changed to " + newerFormat);
        }
        if (newer.has("enum")) {
            Set<String> kept = values(newer.get("enum"));
            for (String value : older.has("enum") ? values(older.get("enum")) : Set.of("any value")) {
                if (!kept.contains(value)) {
                    problems.add(path + ": no longer accepts " + value);
                }
            }
        }
        if (olderTypes.contains("object")) {
            compareObjects(path + ".", older, newer, problems);
        }
        if (olderTypes.contains("array")) {
            compareValues(path + "[]", older.path("items"), newer.path("items"), problems);
        }
    }

    private static Set<String> types(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isMissingNode()) {
            return new LinkedHashSet<>();
        }
        return type.isArray() ? values(type) : new LinkedHashSet<>(Set.of(type.asText()));
    }

    private static Set<String> values(JsonNode array) {
        Set<String> values = new LinkedHashSet<>();
        array.forEach(value -> values.add(value.isNull() ? "null" : value.asText()));
        return values;
    }
}
