package dev.saga.orchestrator.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.saga.web.JsonFieldPaths;
import dev.saga.web.StrictJson;
import jakarta.validation.Validator;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Turns a request body into a message record (a saga's start event, a signal's body), or refuses it naming every
 * field to fix: each field of the record (and of the records inside it) is required, no unknown field is
 * accepted, each value must have the field's type as {@link StrictJson} reads it (no "1" for 1, no 1.9 for an
 * integer, no NUL in a string), and the Bean Validation constraints of the contract's record must hold (no
 * negative quantity or amount, strings within their lengths).
 */
@Component
class MessageBodyReader {

    private final ObjectMapper strict;
    private final Validator validator;

    MessageBodyReader(ObjectMapper json, Validator validator) {
        this.strict = StrictJson.forRequests(json)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        this.validator = validator;
    }

    Object read(Class<?> recordType, JsonNode body) {
        String name = recordType.getSimpleName();
        if (body == null || !body.isObject()) {
            throw invalid(name, List.of(new FieldProblem("body", "must be a JSON object: a " + name)));
        }
        List<FieldProblem> missing = new ArrayList<>();
        requireComponents(recordType, body, "", missing);
        if (!missing.isEmpty()) {
            throw invalid(name, missing);
        }
        Object event;
        try {
            event = strict.treeToValue(body, recordType);
        } catch (JsonMappingException e) {
            throw invalid(name, List.of(new FieldProblem(JsonFieldPaths.path(e), JsonFieldPaths.expected(e))));
        } catch (JsonProcessingException e) {
            throw invalid(name, List.of(new FieldProblem("body", e.getOriginalMessage())));
        }
        List<FieldProblem> violations = validator.validate(event).stream()
                .map(v -> new FieldProblem(v.getPropertyPath().toString(), v.getMessage()))
                .sorted(Comparator.comparing(FieldProblem::field)).toList();
        if (!violations.isEmpty()) {
            throw invalid(name, violations);
        }
        return event;
    }

    private static void requireComponents(Class<?> record, JsonNode node, String path, List<FieldProblem> missing) {
        for (RecordComponent component : record.getRecordComponents()) {
            String field = path.isEmpty() ? component.getName() : path + "." + component.getName();
            JsonNode value = node.get(component.getName());
            if (value == null || value.isNull()) {
                missing.add(new FieldProblem(field, "is required"));
            } else if (component.getType().isRecord() && value.isObject()) {
                requireComponents(component.getType(), value, field, missing);
            } else if (Collection.class.isAssignableFrom(component.getType()) && value.isArray()) {
                Class<?> element = elementType(component.getGenericType());
                for (int i = 0; i < value.size(); i++) {
                    JsonNode item = value.get(i);
                    if (item.isNull()) {
                        missing.add(new FieldProblem(field + "[" + i + "]", "is required"));
                    } else if (element != null && element.isRecord() && item.isObject()) {
                        requireComponents(element, item, field + "[" + i + "]", missing);
                    }
                }
            }
        }
    }

    private static Class<?> elementType(Type collection) {
        if (collection instanceof ParameterizedType generic
                && generic.getActualTypeArguments()[0] instanceof Class<?> element) {
            return element;
        }
        return null;
    }

    private static InvalidInputException invalid(String eventName, List<FieldProblem> problems) {
        return new InvalidInputException("The body is not a valid " + eventName + "; see errors for the fields to fix",
                problems);
    }
}
