package dev.saga.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.saga.messaging.Topology;
import dev.saga.ordercancellation.OrderCancellationSaga;
import dev.saga.orderfulfilment.OrderFulfilmentSaga;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What the README and the operations guide tell a reader holds: every {@code saga.*} property they name is one the
 * services know (in the configuration metadata, with a description), and every relative link of the README and of
 * {@code docs/} reaches a file, and a heading where it names one. A renamed property or a moved file fails here,
 * instead of leaving a reader with a setting that is silently ignored or a link to nowhere.
 */
class DocumentationTest {

    private static final Path REPOSITORY = Path.of("../..");
    private static final List<String> DOCUMENTS_NAMING_PROPERTIES = List.of("README.md", "docs/operations.md");
    /** {@code saga.} names that are no property: the exchanges, and the saga events' routing keys. */
    private static final Set<String> EXCHANGES = Set.of(Topology.COMMANDS, Topology.REPLIES, Topology.EVENTS,
            Topology.RETRY, Topology.DEAD_LETTER);
    private static final Set<String> SAGA_TYPES = Set.of(OrderFulfilmentSaga.TYPE, OrderCancellationSaga.TYPE);

    private static final ConfigurationMetadata METADATA = ConfigurationMetadata.onClassPath();

    @Test
    void everySagaPropertyTheReadmeAndTheOperationsGuideNameIsInTheConfigurationMetadata() {
        assertThat(METADATA.names())
                .as("the saga.* properties of every %s on the class path", ConfigurationMetadata.FILE)
                .contains("saga.deadlines.scan-interval", "saga.consumer.batch-size", "saga.http.max-body-size",
                        "saga.broker-users");
        for (String document : DOCUMENTS_NAMING_PROPERTIES) {
            MarkdownDocument markdown = MarkdownDocument.read(REPOSITORY.resolve(document));
            assertThat(unknownProperties(markdown)).as("saga.* names in %s that no configuration metadata knows",
                    document).isEmpty();
        }
    }

    @Test
    void everySagaPropertyTheDocsNameHasADescriptionInTheMetadata() {
        for (String document : DOCUMENTS_NAMING_PROPERTIES) {
            MarkdownDocument markdown = MarkdownDocument.read(REPOSITORY.resolve(document));
            List<String> undescribed = properties(markdown).stream().map(METADATA::propertyOf)
                    .filter(property -> property != null && METADATA.properties().get(property).isBlank()).toList();
            assertThat(undescribed).as("properties %s names without a description in the metadata", document)
                    .isEmpty();
        }
    }

    @Test
    void everyRelativeLinkOfTheReadmeAndTheDocsReachesItsFileAndHeading() {
        List<Path> documents = new ArrayList<>(List.of(REPOSITORY.resolve("README.md")));
        try (Stream<Path> docs = Files.list(REPOSITORY.resolve("docs"))) {
            docs.filter(path -> path.toString().endsWith(".md")).sorted().forEach(documents::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(documents).hasSizeGreaterThan(4);
        List<String> broken = new ArrayList<>();
        for (Path document : documents) {
            broken.addAll(brokenLinks(MarkdownDocument.read(document)));
        }
        assertThat(broken).as("relative links that lead nowhere").isEmpty();
    }

    @Test
    void refusesAMisspeltPropertyAndKnowsMapKeysGroupsExchangesAndPackages() {
        MarkdownDocument text = MarkdownDocument.of(Path.of("sample.md"), """
                Set `saga.deadlines.scan-intervall` and `saga.retry.delay` (see `saga.deadlines.*`), tell it
                `saga.broker-users.billing=inventory`, publish to `saga.commands` and `saga.order-fulfilment.<outcome>`,
                keep `saga.step_replies`, import `dev.saga.contract.Notification`,
                run `--saga.admission.max-in-flight=0`.
                """);
        assertThat(text.sagaNames()).containsExactly("saga.deadlines.scan-intervall", "saga.retry.delay",
                "saga.deadlines", "saga.broker-users.billing", "saga.commands", "saga.order-fulfilment",
                "saga.admission.max-in-flight");
        assertThat(unknownProperties(text)).containsExactly("saga.deadlines.scan-intervall", "saga.retry.delay");
        assertThat(METADATA.propertyOf("saga.broker-users.billing")).isEqualTo("saga.broker-users");
    }

    @Test
    void refusesAPropertyWithoutADescription() {
        ObjectMapper json = new ObjectMapper();
        JsonNode file = json.createObjectNode().set("properties", json.createArrayNode()
                .add(json.createObjectNode().put("name", "saga.sample.size").put("type", "java.lang.Integer"))
                .add(json.createObjectNode().put("name", "saga.sample.users").put("type", "java.util.Map<K,V>")
                        .put("description", "Users by name.")));
        ConfigurationMetadata metadata = ConfigurationMetadata.of(file);
        assertThat(metadata.properties()).containsEntry("saga.sample.size", "");
        assertThat(metadata.knows("saga.sample.users.anyone")).isTrue();
        assertThat(metadata.knows("saga.sample")).isTrue();
        assertThat(metadata.knows("saga.sample.siz")).isFalse();
    }

    @Test
    void refusesALinkToAMissingFileOrHeading() {
        MarkdownDocument text = MarkdownDocument.of(REPOSITORY.resolve("docs/sample.md"), """
                ## Where to look

                [runs](performance.md#no-such-run), [gone](no-such-file.md), [here](#where-to-look), [there](#nowhere),
                [web](https://example.com/x), `[code](not-a-link.md)`, [chaos](../infra/chaos/README.md)
                """);
        assertThat(brokenLinks(text)).containsExactly("docs/sample.md: performance.md#no-such-run (no such heading)",
                "docs/sample.md: no-such-file.md (no such file)", "docs/sample.md: #nowhere (no such heading)");
    }

    @Test
    void givesHeadingsTheAnchorsGitHubGivesThem() {
        assertThat(MarkdownDocument.slug("The attempts, and the tests that refuse them"))
                .isEqualTo("the-attempts-and-the-tests-that-refuse-them");
        assertThat(MarkdownDocument.slug("Broker users (`infra/rabbitmq/service-users.json`)"))
                .isEqualTo("broker-users-infrarabbitmqservice-usersjson");
        assertThat(MarkdownDocument.of(Path.of("x.md"), "# Runs\n## A\n## A\n").anchors())
                .containsExactly("runs", "a", "a-1");
    }

    private static List<String> unknownProperties(MarkdownDocument markdown) {
        return properties(markdown).stream().filter(name -> !METADATA.knows(name)).toList();
    }

    /** The {@code saga.} names of a document that stand for properties: neither an exchange nor an event key. */
    private static List<String> properties(MarkdownDocument markdown) {
        return markdown.sagaNames().stream().filter(name -> !EXCHANGES.contains(name))
                .filter(name -> SAGA_TYPES.stream().noneMatch(type -> name.equals("saga." + type)
                        || name.startsWith("saga." + type + ".")))
                .toList();
    }

    private static List<String> brokenLinks(MarkdownDocument markdown) {
        Path directory = markdown.file().toAbsolutePath().normalize().getParent();
        String where = REPOSITORY.toAbsolutePath().normalize().relativize(markdown.file().toAbsolutePath().normalize())
                .toString();
        List<String> broken = new ArrayList<>();
        for (String link : markdown.relativeLinks()) {
            int hash = link.indexOf('#');
            String path = hash < 0 ? link : link.substring(0, hash);
            String anchor = hash < 0 ? null : link.substring(hash + 1);
            if (path.isEmpty()) {
                if (!markdown.anchors().contains(anchor)) {
                    broken.add(where + ": " + link + " (no such heading)");
                }
                continue;
            }
            Path target = directory.resolve(path).normalize();
            if (!Files.exists(target)) {
                broken.add(where + ": " + link + " (no such file)");
            } else if (anchor != null && target.toString().endsWith(".md")
                    && !MarkdownDocument.read(target).anchors().contains(anchor)) {
                broken.add(where + ": " + link + " (no such heading)");
            }
        }
        return broken;
    }
}
