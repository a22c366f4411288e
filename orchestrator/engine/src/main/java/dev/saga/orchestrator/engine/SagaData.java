package dev.saga.orchestrator.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.saga.definition.MessageTypes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * A saga's data as its row stores it: the definition's data record as JSON text; and beside it
 * ({@code step_replies}), the success replies its compensations are built from.
 *
 * <p>A compensation gets its step's success reply, or nothing when the step never answered. Replies are stored
 * nowhere else, so the row keeps them: one JSON object keyed by step, each entry the reply's type name and body,
 * e.g. {@code {"reserve-stock": {"type": "inventory.StockReserved", "body": {"orderId": "..."}}}}. Only the
 * replies of steps that can be compensated are kept, and they are dropped once the saga completed or was
 * compensated, so it stays a few hundred bytes and finished sagas carry none (a failed or stuck one keeps them for
 * an operator's retry). The type name is kept so that a compensation reading one reply
 * type is never handed another read as it. A waiting step's entry, instead, may hold the decision that came for it
 * before the saga got there, until the saga arrives and takes it.
 */
@Component
class SagaData {

    private static final String NOTHING_TO_UNDO = "nothingToUndo";
    private static final String KEPT_DECISION = "keptDecision";
    private static final TypeReference<LinkedHashMap<String, Branches.Branch>> BRANCHES = new TypeReference<>() {
    };

    private final ObjectMapper json;

    SagaData(ObjectMapper json) {
        this.json = json;
    }

    String write(Object data) {
        try {
            return json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write saga data " + data, e);
        }
    }

    <D> D read(String data, Class<D> type) {
        try {
            return json.readValue(data, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot read saga data as " + type.getName() + ": " + data, e);
        }
    }

    /** The stored replies ({@code null}: none yet) with the step's success reply added, or replacing its last. */
    String withReply(String replies, String step, Object reply) {
        try {
            ObjectNode all = replies == null ? json.createObjectNode() : (ObjectNode) json.readTree(replies);
            ObjectNode entry = all.putObject(step);
            entry.put("type", MessageTypes.nameOf(reply.getClass()));
            entry.set("body", json.valueToTree(reply));
            return json.writeValueAsString(all);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot store the reply of " + step + " with " + replies, e);
        }
    }

    /**
     * The stored replies with the mark of a step that did nothing to compensate ({@code {"nothingToUndo": why}}),
     * in its reply's place: its condition skipped it, or, as a branch of a parallel group, it failed by reply.
     */
    String withNothingToUndo(String replies, String step, String why) {
        try {
            ObjectNode all = replies == null ? json.createObjectNode() : (ObjectNode) json.readTree(replies);
            all.putObject(step).put(NOTHING_TO_UNDO, why);
            return json.writeValueAsString(all);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot mark " + step + " as having nothing to undo in " + replies, e);
        }
    }

    /** Why the step has nothing to compensate ({@link #withNothingToUndo}), or empty if it may have. */
    Optional<String> nothingToUndo(String replies, String step) {
        return entry(replies, step).filter(entry -> entry.has(NOTHING_TO_UNDO))
                .map(entry -> entry.get(NOTHING_TO_UNDO).asText());
    }

    /**
     * The stored replies with a decision kept for a waiting step the saga has not reached yet (an event that came
     * early): {@code {"fraud-review": {"keptDecision": "risk.FraudReviewCleared", "body": {...}}}}.
     */
    String withKeptDecision(String replies, String step, Object event) {
        try {
            ObjectNode all = replies == null ? json.createObjectNode() : (ObjectNode) json.readTree(replies);
            ObjectNode entry = all.putObject(step);
            entry.put(KEPT_DECISION, MessageTypes.nameOf(event.getClass()));
            entry.set("body", json.valueToTree(event));
            return json.writeValueAsString(all);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot keep a decision for " + step + " in " + replies, e);
        }
    }

    /** The type name of the decision kept for the step ({@link #withKeptDecision}), if one is. */
    Optional<String> keptDecisionType(String replies, String step) {
        return entry(replies, step).filter(entry -> entry.has(KEPT_DECISION))
                .map(entry -> entry.get(KEPT_DECISION).asText());
    }

    /** The decision kept for the step, read as {@code type}. */
    <E> E keptDecision(String replies, String step, Class<E> type) {
        try {
            return json.treeToValue(entry(replies, step).orElseThrow().get("body"), type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot read the decision kept for " + step + " as " + type, e);
        }
    }

    /** The stored replies without the step's entry: its kept decision was used. */
    String without(String replies, String step) {
        try {
            ObjectNode all = (ObjectNode) json.readTree(replies);
            all.remove(step);
            return all.isEmpty() ? null : json.writeValueAsString(all);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot drop " + step + " from " + replies, e);
        }
    }

    private Optional<JsonNode> entry(String replies, String step) {
        if (replies == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(json.readTree(replies).get(step));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot read the replies " + replies, e);
        }
    }

    /** A saga's branches as its row stores them; empty (no branch) for null. */
    Branches branches(String stored) {
        if (stored == null) {
            return new Branches(Map.of());
        }
        try {
            return new Branches(json.readValue(stored, BRANCHES));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot read the branches " + stored, e);
        }
    }

    /** The branches as the row stores them: null for none. */
    String write(Branches branches) {
        return branches.all().isEmpty() ? null : write(branches.all());
    }

    /** The step's stored success reply as {@code type}; empty if none came, or one of another type. */
    <R> Optional<R> replyOf(String replies, String step, Class<R> type) {
        if (replies == null) {
            return Optional.empty();
        }
        try {
            JsonNode entry = json.readTree(replies).get(step);
            if (entry == null || !MessageTypes.nameOf(type).equals(entry.path("type").asText())) {
                return Optional.empty();
            }
            return Optional.of(json.treeToValue(entry.get("body"), type));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot read the reply of " + step + " as " + type.getName() + ": "
                    + replies, e);
        }
    }
}
