package dev.saga.participant.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.saga.messaging.MissingBrokerPasswordException;
import dev.saga.messaging.testing.RealServices;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

class ParticipantsLauncherIT {

    private static final Map<String, String> SCHEMAS = Map.of("order", "orders", "inventory", "inventory",
            "payment", "payment", "shipping", "shipping", "notification", "notification", "risk", "risk");

    @Test
    void runsAllSixServicesInOneJvmEachOnItsOwnPortAndSchema() {
        try (RunningParticipants running = ParticipantsLauncher.start(arguments())) {
            assertThat(running.names()).containsExactly("order", "inventory", "payment", "shipping", "notification",
                    "risk");
            for (String name : running.names()) {
                ConfigurableApplicationContext context = running.context(name);
                assertThat(context.isRunning()).as(name).isTrue();
                assertThat(context.getEnvironment().getProperty("spring.application.name")).isEqualTo(name);
                assertThat(context.getBean(JdbcTemplate.class).queryForObject("SELECT current_schema()",
                        String.class)).as(name).isEqualTo(SCHEMAS.get(name));
            }
            List<String> schemas = running.context("order").getBean(JdbcTemplate.class)
                    .queryForList("SELECT schema_name FROM information_schema.schemata", String.class);
            assertThat(schemas).containsAll(SCHEMAS.values());
            assertThat(running.names().stream().map(name -> port(running.context(name))).distinct()).hasSize(6);
        }
    }

    @Test
    void runsOnlyTheSelectedServices() {
        String[] args = Stream.concat(Stream.of(arguments()), Stream.of("--services=shipping,order"))
                .toArray(String[]::new);
        try (RunningParticipants running = ParticipantsLauncher.start(args)) {
            assertThat(running.names()).containsExactly("order", "shipping");
        }
    }

    @Test
    void refusesToStartAServiceWithoutItsBrokerPasswordNamingTheVariable() {
        assumeTrue(System.getenv("SAGA_RABBIT_PASSWORD_ORDER") == null, "SAGA_RABBIT_PASSWORD_ORDER is set here");
        String[] withoutBrokerLogin = Stream.of(arguments())
                .filter(arg -> !arg.startsWith("--spring.rabbitmq.username=")
                        && !arg.startsWith("--spring.rabbitmq.password="))
                .toArray(String[]::new);

        assertThatThrownBy(() -> ParticipantsLauncher.start(withoutBrokerLogin))
                .isInstanceOf(MissingBrokerPasswordException.class)
                .hasMessageStartingWith("Set SAGA_RABBIT_PASSWORD_ORDER (or run with the demo profile)")
                .hasMessageContaining("user order");
    }

    /** A fresh database and virtual host for the run, and a free port for every service. */
    private static String[] arguments() {
        return Stream.concat(Stream.of(RealServices.asArguments(RealServices.isolated())), Stream.of("--server.port=0"))
                .toArray(String[]::new);
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
