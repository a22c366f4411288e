package dev.saga.contract.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.saga.definition.MessageTypes;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The schema-store command. Stores the current version's schema of every message type of a contract beside the
 * older ones, then runs the build's {@link ContractCheck}. A stored schema is only rewritten when the change is
 * compatible: a breaking change needs a new version (and an upcaster), so a released version never changes under
 * its readers.
 *
 * <p>{@code SchemaRelease <schemas folder> <contract>...}, where a contract is a class with a public static
 * {@link MessageContract} field ({@code dev.saga.contract.Contracts}; {@code Class#FIELD} picks one of several),
 * or a package whose message records are scanned ({@code com.acme.loans.contract}, see
 * {@link MessageContract#scan}). The order contracts run it as
 * {@code mvn -pl saga-definitions/order-sagas -am compile exec:java}.
 */
public final class SchemaRelease {

    static final String USAGE = "usage: SchemaRelease <schemas folder> <contract class or package>...";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SchemaRelease() {
    }

    public static void main(String[] args) throws IOException {
        int status = run(args, System.out);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** 0 when every schema is stored and compatible, 1 when something is refused or wrong, 2 on bad arguments. */
    static int run(String[] args, PrintStream out) throws IOException {
        if (args.length < 2) {
            out.println(USAGE);
            return 2;
        }
        MessageContract contract;
        try {
            List<MessageContract> contracts = new ArrayList<>();
            for (String argument : Arrays.asList(args).subList(1, args.length)) {
                contracts.add(contractOf(argument));
            }
            contract = MessageContract.merge(contracts);
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
            out.println(USAGE);
            return 2;
        }
        Path folder = Path.of(args[0]);
        ReleasedSchemas released = ReleasedSchemas.in(folder);
        boolean refused = false;
        for (Class<?> message : contract.types().all()) {
            refused |= !store(message, folder, released, out);
        }
        List<String> problems = ContractCheck.problems(contract, released, "this command");
        problems.forEach(problem -> out.println("problem: " + problem));
        if (refused || !problems.isEmpty()) {
            return 1;
        }
        out.println("All " + contract.types().all().size() + " message schemas are stored and compatible.");
        return 0;
    }

    /** The contract a command-line argument names: a class's MessageContract field, or a package to scan. */
    static MessageContract contractOf(String argument) {
        String className = argument.contains("#") ? argument.substring(0, argument.indexOf('#')) : argument;
        Optional<Class<?>> holder = classNamed(className);
        if (holder.isEmpty()) {
            if (argument.contains("#")) {
                throw new IllegalArgumentException("No class " + className);
            }
            return MessageContract.scan(argument);
        }
        List<Field> fields = Arrays.stream(holder.get().getFields())
                .filter(field -> field.getType() == MessageContract.class && Modifier.isStatic(field.getModifiers()))
                .filter(field -> !argument.contains("#")
                        || field.getName().equals(argument.substring(argument.indexOf('#') + 1)))
                .toList();
        if (fields.size() != 1) {
            throw new IllegalArgumentException(argument + " names " + (fields.isEmpty() ? "no" : "several")
                    + " public static MessageContract fields" + (fields.isEmpty() ? "" : ": "
                    + fields.stream().map(Field::getName).collect(Collectors.joining(", "))
                    + "; pick one with " + className + "#FIELD"));
        }
        try {
            return (MessageContract) fields.get(0).get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalArgumentException("Cannot read " + fields.get(0), e);
        }
    }

    private static Optional<Class<?>> classNamed(String name) {
        try {
            return Optional.of(Class.forName(name, true, Thread.currentThread().getContextClassLoader()));
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
    }

    private static boolean store(Class<?> message, Path folder, ReleasedSchemas released, PrintStream out)
            throws IOException {
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
                out.println("refused: " + type + " v" + version + " would break its readers " + breaking
                        + "; raise its @MessageVersion and add an upcaster");
                return false;
            }
        }
        Path file = folder.resolve(ReleasedSchemas.fileOf(type, version));
        Files.createDirectories(file.getParent());
        Files.writeString(file, JSON.writeValueAsString(generated) + "\n");
        out.println((stored.isPresent() ? "updated " : "stored ") + file);
        return true;
    }
}
