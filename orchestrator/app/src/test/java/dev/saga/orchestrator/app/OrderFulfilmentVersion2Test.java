package dev.saga.orchestrator.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saga.definition.SagaDefinition;
import dev.saga.definition.SagaMigration;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Version 2 of order-fulfilment is loaded only when enabled, with the settings its properties give. */
class OrderFulfilmentVersion2Test {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class))
            .withUserConfiguration(OrderFulfilmentVersion2.class);

    @Test
    void isNotLoadedUnlessEnabled() {
        context.run(loaded -> assertThat(loaded).doesNotHaveBean(SagaDefinition.class));
    }

    @Test
    void whenEnabledItIsVersion2WithItsSettingsAndTheMigrationFromVersion1() {
        context.withPropertyValues("order-fulfilment.v2.enabled=true", "order-fulfilment.v2.finish-within=2h",
                "order-fulfilment.v2.capture-delay=3s").run(loaded -> {
                    SagaDefinition<?> v2 = loaded.getBean(SagaDefinition.class);
                    assertThat(v2.version()).isEqualTo(2);
                    assertThat(v2.finishWithin()).contains(Duration.ofHours(2));
                    assertThat(v2.step("capture-payment").delay()).isEqualTo(Duration.ofSeconds(3));
                    assertThat(v2.step("fraud-review").condition().name()).isEqualTo("amount above 100000 cents");
                    assertThat(loaded.getBean(SagaMigration.class).target().version()).isEqualTo(2);
                });
    }
}
