package dev.saga.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.mock.env.MockEnvironment;

class BrokerPasswordCheckTest {

    private final MockEnvironment environment = new MockEnvironment()
            .withProperty("spring.rabbitmq.username", "inventory")
            .withProperty("spring.rabbitmq.password", "${SAGA_RABBIT_PASSWORD_INVENTORY}");

    @Test
    void refusesAPasswordWhoseVariableIsNotSetNamingTheVariable() {
        assertThatThrownBy(() -> BrokerPasswordCheck.check(environment))
                .isInstanceOfSatisfying(MissingBrokerPasswordException.class, e -> {
                    assertThat(e.variable()).isEqualTo("SAGA_RABBIT_PASSWORD_INVENTORY");
                    assertThat(e.user()).isEqualTo("inventory");
                })
                .hasMessageStartingWith("Set SAGA_RABBIT_PASSWORD_INVENTORY (or run with the demo profile)");
    }

    @Test
    void acceptsThePasswordOnceTheVariableIsSet() {
        environment.setProperty("SAGA_RABBIT_PASSWORD_INVENTORY", "s3cret");

        assertThatCode(() -> BrokerPasswordCheck.check(environment)).doesNotThrowAnyException();
    }

    @Test
    void acceptsAPasswordGivenDirectlyAndNoPasswordAtAll() {
        environment.setProperty("spring.rabbitmq.password", "given-on-the-command-line");
        assertThatCode(() -> BrokerPasswordCheck.check(environment)).doesNotThrowAnyException();

        assertThatCode(() -> BrokerPasswordCheck.check(new MockEnvironment())).doesNotThrowAnyException();
    }

    @Test
    void startUpFailureSaysWhichVariableToSet() {
        MissingBrokerPasswordException missing = new MissingBrokerPasswordException("SAGA_RABBIT_PASSWORD_PAYMENT",
                "payment");

        FailureAnalysis analysis = new MissingBrokerPasswordFailureAnalyzer()
                .analyze(new IllegalStateException("context refresh failed", missing));

        assertThat(analysis.getDescription()).contains("user payment", "SAGA_RABBIT_PASSWORD_PAYMENT");
        assertThat(analysis.getAction()).isEqualTo(
                "Set SAGA_RABBIT_PASSWORD_PAYMENT (or run with the demo profile: --spring.profiles.active=demo).");
    }
}
