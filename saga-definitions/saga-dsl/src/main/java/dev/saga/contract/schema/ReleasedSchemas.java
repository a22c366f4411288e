package dev.saga.contract.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The schema of every released version of every message type, kept in the repository as
 * {@code schemas/<type>/v<version>.json} (e.g. {@code schemas/payment.AuthorizePayment/v1.json}). Services read
 * them from the classpath; the build's check and the release command read the source folder.
 */
public final class ReleasedSchemas {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path folder;

    private ReleasedSchemas(Path folder) {
        this.folder = folder;
    }

    /** The schemas on the class path, as each contract module packages them. */
    public static ReleasedSchemas onClasspath() {
        return new ReleasedSchemas(null);
    }

    /** The schemas in a folder, e.g. {@code saga-definitions/order-sagas/src/main/resources/schemas}. */
    public static ReleasedSchemas in(Path folder) {
        return new ReleasedSchemas(folder);
    }

    public Optional<JsonNode> find(String type, int version) {
        String file = fileOf(type, version);
        try (InputStream in = folder == null ? ReleasedSchemas.class.getResourceAsStream("/schemas/" + file)
                : Files.exists(folder.resolve(file)) ? Files.newInputStream(folder.resolve(file)) : null) {
            return in == null ? Optional.empty() : Optional.of(JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the schema " + file, e);
        }
    }

    /** {@code payment.AuthorizePayment/v2.json}. */
    public static String fileOf(String type, int version) {
        return type + "/v" + version + ".json";
    }
}
