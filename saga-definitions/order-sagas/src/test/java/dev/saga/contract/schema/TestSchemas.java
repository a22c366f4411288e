package dev.saga.contract.schema;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.saga.definition.MessageTypes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Released-schema folders for tests: the repository's own, a copy to break, or one for test records. */
final class TestSchemas {

    /** The schemas as kept in the repository (tests run in the module's folder). */
    static final Path REPOSITORY = Path.of("src/main/resources/schemas");
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestSchemas() {
    }

    static Path copyOfRepository(Path target) {
        try (Stream<Path> files = Files.walk(REPOSITORY)) {
            for (Path file : files.sorted(Comparator.naturalOrder()).toList()) {
                Path copy = target.resolve(REPOSITORY.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stores the generated schema of each record at its current version in {@code folder}. */
    static ReleasedSchemas releasing(Path folder, Class<?>... records) {
        for (Class<?> record : records) {
            store(folder, MessageTypes.nameOf(record), MessageTypes.versionOf(record), record);
        }
        return ReleasedSchemas.in(folder);
    }

    /** Stores the schema generated from {@code shape} as version {@code version} of {@code type}. */
    static void store(Path folder, String type, int version, Class<?> shape) {
        try {
            Path file = folder.resolve(ReleasedSchemas.fileOf(type, version));
            Files.createDirectories(file.getParent());
            Files.writeString(file, JSON.writeValueAsString(SchemaGenerator.schemaOf(shape)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
