package dev.saga.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.saga.orchestrator.app.OrchestratorApplication;
import dev.saga.participant.launcher.ParticipantsLauncher;
import dev.saga.testbed.Service;
import dev.saga.testbed.SystemTopology;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * What each service image runs, read from the Docker archive that {@code jib:buildTar} wrote beside the module's
 * jar: java with the application's main class, the ports of the services it hosts, a user other than root, and
 * services that listen beyond loopback. The archives take minutes to build, so the build does not make them:
 * {@code infra/images/build-images} builds both and runs this test with {@code -Dsaga.images.required=true},
 * where a missing archive fails it; elsewhere a missing archive skips it.
 */
class ServiceImagesTest {

    private static final Path REPOSITORY = Path.of("../..");

    @Test
    void theOrchestratorImageRunsTheOrchestratorOnItsPortAsAUserOtherThanRoot() throws IOException {
        assertRuns(image(SystemTopology.orchestrator()), OrchestratorApplication.class,
                List.of(SystemTopology.orchestrator()));
    }

    @Test
    void theLauncherImageRunsTheParticipantsOnTheirPortsAsAUserOtherThanRoot() throws IOException {
        assertRuns(image(SystemTopology.participants().get(0)), ParticipantsLauncher.class,
                SystemTopology.participants());
    }

    @Test
    void everyDeployedContainerUsesOneOfTheTwoImages() {
        assertThat(DeployedContainer.all()).extracting(DeployedContainer::image).isNotEmpty().allSatisfy(image ->
                assertThat(image).matches("(" + DeployedContainer.ORCHESTRATOR_IMAGE + "|"
                        + DeployedContainer.LAUNCHER_IMAGE + "):.+"));
    }

    private static void assertRuns(JsonNode config, Class<?> mainClass, List<Service> services) {
        JsonNode container = config.path("config");
        List<String> entrypoint = texts(container.path("Entrypoint"));
        assertThat(entrypoint).as("entrypoint").first().isEqualTo("java");
        assertThat(entrypoint).as("entrypoint").last().isEqualTo(mainClass.getName());
        assertThat(names(container.path("ExposedPorts"))).as("exposed ports")
                .isEqualTo(services.stream().map(service -> service.httpPort() + "/tcp").collect(Collectors.toSet()));
        String user = container.path("User").asText();
        assertThat(user).as("user").isNotBlank().doesNotStartWith("root").isNotEqualTo("0").doesNotStartWith("0:");
        assertThat(texts(container.path("Env"))).as("environment").contains("SERVER_ADDRESS=0.0.0.0")
                .anyMatch(variable -> variable.startsWith("JAVA_HOME="));
    }

    /** The image config of the module's archive; skips (or fails, when required) without the archive. */
    private static JsonNode image(Service service) throws IOException {
        Path archive = service.jarIn(REPOSITORY).getParent().resolve("jib-image.tar");
        if (!Files.isRegularFile(archive)) {
            String missing = archive.normalize() + " is missing; infra/images/build-images builds it";
            if (Boolean.getBoolean("saga.images.required")) {
                fail(missing);
            }
            assumeTrue(false, missing);
        }
        Map<String, byte[]> entries = DockerArchive.read(archive, Set.of("manifest.json"));
        ObjectMapper json = new ObjectMapper();
        JsonNode manifest = json.readTree(entries.get("manifest.json")).get(0);
        String configName = manifest.path("Config").asText();
        return json.readTree(DockerArchive.read(archive, Set.of(configName)).get(configName));
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static Set<String> names(JsonNode object) {
        return StreamSupport.stream(((Iterable<String>) object::fieldNames).spliterator(), false)
                .collect(Collectors.toSet());
    }

    /** Reads named entries of a tar file (ustar headers, as Jib and docker save write them). */
    static final class DockerArchive {

        private static final int BLOCK = 512;

        private DockerArchive() {
        }

        static Map<String, byte[]> read(Path archive, Set<String> wanted) throws IOException {
            Map<String, byte[]> found = new HashMap<>();
            try (InputStream in = Files.newInputStream(archive)) {
                while (found.size() < wanted.size()) {
                    byte[] header = in.readNBytes(BLOCK);
                    if (header.length < BLOCK || header[0] == 0) {
                        break;
                    }
                    String name = field(header, 0, 100);
                    String prefix = field(header, 345, 155);
                    if (!prefix.isEmpty()) {
                        name = prefix + "/" + name;
                    }
                    long size = Long.parseLong(field(header, 124, 12).trim(), 8);
                    long padded = (size + BLOCK - 1) / BLOCK * BLOCK;
                    if (wanted.contains(name)) {
                        found.put(name, in.readNBytes((int) size));
                        in.skipNBytes(padded - size);
                    } else {
                        in.skipNBytes(padded);
                    }
                }
            }
            if (found.size() < wanted.size()) {
                throw new IOException(archive + " lacks " + wanted + "; it has " + found.keySet());
            }
            return found;
        }

        private static String field(byte[] header, int offset, int length) {
            int end = offset;
            while (end < offset + length && header[end] != 0) {
                end++;
            }
            return new String(header, offset, end - offset, StandardCharsets.US_ASCII);
        }
    }
}
