package dev.saga.contract.schema;

import com.fasterxml.jackson.databind.JsonNode;
import dev.saga.definition.MessageTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The build's check of every message type against its released schemas: the current version's schema is stored,
 * and equals what the record generates; every version can read the one before it, or an upcaster bridges them.
 */
public final class ContractCheck {

    static final String STORE_COMMAND = "mvn -pl saga-definitions/order-sagas -am compile exec:java";

    private ContractCheck() {
    }

    /** One sentence per problem; none means the contracts may be released. */
    public static List<String> problems(MessageTypes types, Upcasters upcasters, ReleasedSchemas released) {
        return problems(types, upcasters, released, STORE_COMMAND);
    }

    /** The problems of a contributed contract; {@code storeCommand} is how its owner stores a schema. */
    public static List<String> problems(MessageContract contract, ReleasedSchemas released, String storeCommand) {
        return problems(contract.types(), contract.upcasters(), released, storeCommand);
    }

    private static List<String> problems(MessageTypes types, Upcasters upcasters, ReleasedSchemas released,
                                         String storeCommand) {
        List<String> problems = new ArrayList<>();
        for (Class<?> message : types.all()) {
            String type = MessageTypes.nameOf(message);
            int current = MessageTypes.versionOf(message);
            checkCurrent(type, current, SchemaGenerator.schemaOf(message), released, storeCommand, problems);
            for (int version = 2; version <= current; version++) {
                checkStep(type, version, upcasters, released, problems);
            }
            if (released.find(type, current + 1).isPresent()) {
                problems.add(type + ": v" + (current + 1) + " is stored but the record is at v" + current);
            }
        }
        for (Upcaster upcaster : upcasters.all()) {
            Optional<Class<?>> message = types.find(upcaster.type());
            if (message.isEmpty() || upcaster.toVersion() > MessageTypes.versionOf(message.get())) {
                problems.add(upcaster.type() + ": an upcaster to v" + upcaster.toVersion()
                        + " exists, but no such version of the type");
            }
        }
        return problems;
    }

    private static void checkCurrent(String type, int current, JsonNode generated, ReleasedSchemas released,
                                     String storeCommand, List<String> problems) {
        Optional<JsonNode> stored = released.find(type, current);
        if (stored.isEmpty()) {
            problems.add(type + ": v" + current + " is not stored; store it with " + storeCommand);
            return;
        }
        if (stored.get().equals(generated)) {
            return;
        }
        List<String> breaking = SchemaCompatibility.breakingChanges(stored.get(), generated);
        problems.add(breaking.isEmpty()
                ? type + ": the record no longer matches the stored v" + current + "; store it with " + storeCommand
                : type + ": the record breaks readers of the released v" + current + " " + breaking
                        + "; raise its @MessageVersion to " + (current + 1) + " and add an upcaster from v" + current);
    }

    private static void checkStep(String type, int version, Upcasters upcasters, ReleasedSchemas released,
                                  List<String> problems) {
        Optional<JsonNode> older = released.find(type, version - 1);
        Optional<JsonNode> newer = released.find(type, version);
        if (older.isEmpty() || newer.isEmpty()) {
            problems.add(type + ": v" + (version - 1) + " and v" + version + " must both be stored");
            return;
        }
        List<String> breaking = SchemaCompatibility.breakingChanges(older.get(), newer.get());
        if (!breaking.isEmpty() && upcasters.find(type, version - 1).isEmpty()) {
            problems.add(type + ": v" + version + " cannot read v" + (version - 1) + " messages " + breaking
                    + " and there is no upcaster from v" + (version - 1));
        }
    }
}
