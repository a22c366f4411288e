package dev.saga.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The topology says what the services' own configurations and the setup files say, and nothing else. */
class SystemTopologyTest {

    private static final Path REPOSITORY = Path.of("../..");

    static List<Service> services() {
        return SystemTopology.services();
    }

    @ParameterizedTest
    @MethodSource("services")
    void eachServiceListensOnTheTopologysPortAndOwnsItsSchemaAsItsRole(Service service) throws IOException {
        String configuration = Files.readString(configurationOf(service));

        assertThat(value(configuration, "\n  port: (\\d+)")).isEqualTo(String.valueOf(service.httpPort()));
        assertThat(value(configuration, "schemas: (\\S+)")).isEqualTo(service.schema());
        assertThat(value(configuration, "username: (saga_\\S+)")).isEqualTo(service.databaseRole());
    }

    @Test
    void theDatabaseRolesScriptGivesEveryServiceItsRoleAndSchema() throws IOException {
        String roles = Files.readString(REPOSITORY.resolve("infra/postgres/service-roles.sql"));
        List<String> pairs = Pattern.compile("\\('(saga_\\w+)', *'(\\w+)'\\)").matcher(roles).results()
                .map(m -> m.group(1) + "/" + m.group(2)).toList();

        assertThat(pairs).containsExactlyElementsOf(SystemTopology.services().stream()
                .map(service -> service.databaseRole() + "/" + service.schema()).toList());
    }

    @Test
    void everyServiceHasABrokerUser() throws IOException {
        String users = Files.readString(REPOSITORY.resolve("infra/rabbitmq/service-users.json"));

        assertThat(Pattern.compile("\"name\": \"(\\w+)\"").matcher(users).results().map(m -> m.group(1)))
                .containsExactlyElementsOf(SystemTopology.serviceNames());
    }

    @Test
    void theParticipantsFollowTheOrchestratorInStartOrder() {
        assertThat(SystemTopology.serviceNames()).containsExactly("orchestrator", "order", "inventory", "payment",
                "shipping", "notification", "risk");
        assertThat(SystemTopology.commandedParticipantNames()).containsExactly("order", "inventory", "payment",
                "shipping");
    }

    @Test
    void everyConsumingQueueParksWhatItCannotHandleBesideItself() {
        assertThat(SystemTopology.parkingQueues()).containsExactly("orchestrator.replies.dlq",
                "orchestrator.saga-starts.dlq", "order.commands.dlq", "inventory.commands.dlq", "payment.commands.dlq",
                "shipping.commands.dlq", "notification.events.dlq", "risk.events.dlq");
    }

    @Test
    void shiftedPortsMoveEveryServiceByTheSameOffset() {
        assertThat(HttpPorts.shiftedBy(10_000).byService()).containsExactly(Map.entry("orchestrator", 18080),
                Map.entry("order", 18081), Map.entry("inventory", 18082), Map.entry("payment", 18083),
                Map.entry("shipping", 18084), Map.entry("notification", 18085), Map.entry("risk", 18086));
        assertThat(HttpPorts.AS_CONFIGURED.of("order")).isEqualTo(8081);
    }

    @Test
    void anUnknownServiceIsNamedWithTheKnownOnes() {
        assertThatThrownBy(() -> SystemTopology.service("billing")).hasMessageContaining("billing")
                .hasMessageContaining("notification");
    }

    @Test
    void theExecJarsAreTheOrchestratorsAndTheLaunchersBuildOutput() {
        assertThat(SystemTopology.orchestrator().jarIn(REPOSITORY).normalize().toString())
                .endsWith("orchestrator/app/target/orchestrator-0.1.0-SNAPSHOT-exec.jar");
        assertThat(SystemTopology.participants()).extracting(Service::jar).containsOnly(
                Path.of("participants/launcher/target/participant-launcher-0.1.0-SNAPSHOT-exec.jar"));
    }

    private static Path configurationOf(Service service) {
        Path module = service.isParticipant() ? REPOSITORY.resolve("participants/" + service.name() + "-service")
                : REPOSITORY.resolve("orchestrator/app");
        return module.resolve("src/main/resources").resolve(service.configuration());
    }

    private static String value(String text, String pattern) {
        Matcher matcher = Pattern.compile(pattern).matcher(text);
        assertThat(matcher.find()).as(pattern + " in the configuration").isTrue();
        return matcher.group(1);
    }
}
