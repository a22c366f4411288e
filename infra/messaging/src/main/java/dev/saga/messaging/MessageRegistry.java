package dev.saga.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.saga.contract.schema.ContractCheck;
import dev.saga.contract.schema.MessageContract;
import dev.saga.contract.schema.MessageReader;
import dev.saga.contract.schema.ReleasedSchemas;
import dev.saga.definition.MessageTypes;
import dev.saga.definition.MessageUse;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The message types, upcasters and released schemas of this process: every {@link MessageContract} the application
 * contributes, merged into one. The codec reads with it, and the start-up checks of the orchestrator and the
 * participants ask it whether what they use is registered. It exists only if every registered type's schema is
 * stored on the classpath as the build stores it (the build's own {@link ContractCheck}), so a missing or stale
 * schema stops the start-up instead of parking the first message of that type.
 */
public final class MessageRegistry {

    /** How an application stores a schema; its contract module runs it (see the saga-definitions README). */
    static final String STORE_COMMAND =
            "dev.saga.contract.schema.SchemaRelease <schemas folder> <contract class or package>";

    private final MessageContract contract;
    private final ReleasedSchemas schemas;

    private MessageRegistry(MessageContract contract, ReleasedSchemas schemas) {
        this.contract = contract;
        this.schemas = schemas;
    }

    /** The contributions merged, read with the schemas on the classpath. */
    public static MessageRegistry of(MessageContract... contributions) {
        return of(List.of(contributions), ReleasedSchemas.onClasspath());
    }

    /**
     * @throws IllegalArgumentException if two contributions register different records under one type name
     * @throws MessageRegistrationException if a registered type's schema is not stored, or no longer its record's
     */
    public static MessageRegistry of(Collection<MessageContract> contributions, ReleasedSchemas schemas) {
        MessageContract merged = MessageContract.merge(contributions);
        List<String> problems = ContractCheck.problems(merged, schemas, "SchemaRelease");
        if (!problems.isEmpty()) {
            throw MessageRegistrationException.schemasMissing(problems);
        }
        return new MessageRegistry(merged, schemas);
    }

    public MessageTypes types() {
        return contract.types();
    }

    public MessageContract contract() {
        return contract;
    }

    /** A reader of every registered type: validates, upcasts and binds as every consumer must. */
    public MessageReader reader(ObjectMapper json) {
        return new MessageReader(json, contract.types(), contract.upcasters(), schemas);
    }

    /**
     * Refuses what {@code user} (a saga definition, a participant) would send or read without a registration, so
     * the process stops at start-up, naming each type, instead of parking its first message.
     */
    public void requireRegistered(String user, Collection<MessageUse> uses) {
        Map<Class<?>, List<String>> missing = new LinkedHashMap<>();
        for (MessageUse use : uses) {
            if (!contract.types().contains(use.type())) {
                missing.computeIfAbsent(use.type(), type -> new ArrayList<>()).add(use.role());
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        List<String> problems = new ArrayList<>();
        missing.forEach((type, roles) -> problems.add(MessageTypes.nameOf(type) + " (" + type.getName() + ", "
                + String.join(", ", roles) + ")" + otherRecordOf(type).map(other -> ": the name is registered for "
                + other.getName()).orElse("")));
        throw MessageRegistrationException.typesUnregistered(user, problems, missing.keySet().iterator().next());
    }

    private Optional<Class<?>> otherRecordOf(Class<?> type) {
        return contract.types().find(MessageTypes.nameOf(type)).filter(other -> other != type);
    }

    @Override
    public String toString() {
        return "MessageRegistry of " + contract;
    }
}
