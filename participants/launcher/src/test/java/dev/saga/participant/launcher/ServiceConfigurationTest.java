package dev.saga.participant.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.saga.participant.kit.ServiceLauncher;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.PlaceholderResolutionException;

/**
 * What each participant's own configuration file gives it by default, read the way {@link ServiceLauncher}
 * reads it (its {@code <name>.yml}, and {@code <name>-demo.yml} with the demo profile), without starting the
 * service itself.
 */
class ServiceConfigurationTest {

    static List<String> services() {
        return List.of("order", "inventory", "payment", "shipping", "notification", "risk");
    }

    @ParameterizedTest
    @MethodSource("services")
    void brokerPasswordComesOnlyFromItsVariableOutsideTheDemoProfile(String service) {
        String variable = "SAGA_RABBIT_PASSWORD_" + service.toUpperCase();
        try (ConfigurableApplicationContext configured = configuration(service)) {
            assertThatThrownBy(() -> configured.getEnvironment().getProperty("spring.rabbitmq.password"))
                    .isInstanceOfSatisfying(PlaceholderResolutionException.class,
                            e -> assertThat(e.getPlaceholder()).isEqualTo(variable));
        }
    }

    @ParameterizedTest
    @MethodSource("services")
    void demoProfileGivesTheLocalBrokerPassword(String service) {
        try (ConfigurableApplicationContext configured = configuration(service, "--spring.profiles.active=demo")) {
            assertThat(configured.getEnvironment().getProperty("spring.rabbitmq.password"))
                    .isEqualTo(service + "-local");
        }
    }

    @ParameterizedTest
    @MethodSource("services")
    void connectsAsItsOwnDatabaseRoleAndListensOnLoopbackOnly(String service) {
        try (ConfigurableApplicationContext configured = configuration(service)) {
            Environment environment = configured.getEnvironment();
            assertThat(environment.getProperty("spring.datasource.username")).isEqualTo("saga_" + service);
            assertThat(environment.getProperty("spring.datasource.password")).isEmpty();
            assertThat(environment.getProperty("server.address")).isEqualTo("127.0.0.1");
        }
    }

    /** The service's configuration in a context with nothing in it, the variables of this test's process aside. */
    private static ConfigurableApplicationContext configuration(String service, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "--spring.main.web-application-type=none";
        System.arraycopy(args, 0, all, 1, args.length);
        return ServiceLauncher.run(NothingToStart.class, service, all);
    }

    @Configuration(proxyBeanMethods = false)
    static class NothingToStart {
    }
}
