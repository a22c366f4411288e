package dev.saga.orchestrator.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.PlaceholderResolutionException;

/** What the orchestrator's own configuration gives it by default, read without starting the orchestrator. */
class OrchestratorConfigurationTest {

    @Test
    void brokerPasswordComesOnlyFromItsVariableOutsideTheDemoProfile() {
        try (ConfigurableApplicationContext configured = configuration()) {
            assertThatThrownBy(() -> configured.getEnvironment().getProperty("spring.rabbitmq.password"))
                    .isInstanceOfSatisfying(PlaceholderResolutionException.class,
                            e -> assertThat(e.getPlaceholder()).isEqualTo("SAGA_RABBIT_PASSWORD_ORCHESTRATOR"));
        }
    }

    @Test
    void demoProfileGivesTheLocalBrokerPassword() {
        try (ConfigurableApplicationContext configured = configuration("--spring.profiles.active=demo")) {
            assertThat(configured.getEnvironment().getProperty("spring.rabbitmq.password"))
                    .isEqualTo("orchestrator-local");
        }
    }

    @Test
    void connectsAsItsOwnDatabaseRoleAndListensOnLoopbackOnly() {
        try (ConfigurableApplicationContext configured = configuration()) {
            Environment environment = configured.getEnvironment();
            assertThat(environment.getProperty("spring.datasource.username")).isEqualTo("saga_orchestrator");
            assertThat(environment.getProperty("spring.datasource.password")).isEmpty();
            assertThat(environment.getProperty("server.address")).isEqualTo("127.0.0.1");
        }
    }

    /** The orchestrator's configuration in a context with nothing in it. */
    private static ConfigurableApplicationContext configuration(String... args) {
        return new SpringApplicationBuilder(NothingToStart.class).web(WebApplicationType.NONE).run(args);
    }

    @Configuration(proxyBeanMethods = false)
    static class NothingToStart {
    }
}
