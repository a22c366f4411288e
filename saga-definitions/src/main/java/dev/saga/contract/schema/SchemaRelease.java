package dev.saga.contract.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.saga.contract.Contracts;
import dev.saga.definition.MessageTypes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Stores the current version's schema of every message type beside the older ones, then runs the build's
 * {@link ContractCheck}. A stored schema is only rewritten when the change is compatible: a breaking change
 * needs a new version (and an upcaster), so a released version never changes under its readers.
 * Run as {@code mvn -pl saga-definitions compile exec:java}.
 */
public final class SchemaRelease {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SchemaRelease() {
    }

    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args.length > 0 ? args[0] : "saga-definitions/src/main/resources/schemas");
        ReleasedSchemas released = ReleasedSchemas.in(folder);
        boolean refused = false;
        for (Class<?> message : Contracts.TYPES.all()) {
            refused |= !store(message, folder, released);
        }
        List<String> problems = ContractCheck.problems(Contracts.TYPES, Contracts.UPCASTERS, released);
        problems.forEach(problem -> System.out.println("problem: " + problem));
        if (refused || !problems.isEmpty()) {
            System.exit(1);
        }
        System.out.println("All " + Contracts.TYPES.all().size() + " message schemas are stored and compatible.");
    }

    private static boolean store(Class<?> message, Path folder, ReleasedSchemas released) throws IOException {
        String type = MessageTypes.nameOf(message);
        int version = MessageTypes.versionOf(message);
        JsonNode generated = SchemaGenerator.schemaOf(message);
        Optional<JsonNode> stored = released.find(type, version);
        if (stored.isPresent() && stored.get().equals(generated)) {
            return true;
        }
        if (stored.isPresent()) {
            List<String> breaking = SchemaCompatibility.breakingChanges(stored.get(), generated);
            if (!breaking.isEmpty()) {
                System.out.println("refused: " + type + " v" + version + " would break its readers " + breaking
                        + "; raise its @MessageVersion and add an upcaster");
                return false;
            }
        }
        Path file = folder.resolve(ReleasedSchemas.fileOf(type, version));
        Files.createDirectories(file.getParent());
        Files.writeString(file, JSON.writeValueAsString(generated) + "\n");
        System.out.println((stored.isPresent() ? "updated " : "stored ") + file);
        return true;
    }
}
