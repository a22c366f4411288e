package dev.saga.orchestrator.retention;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class RetentionConfigurationTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(RetentionConfiguration.class);

    @Test
    void removesNothingUnlessRetentionIsConfigured() {
        context.run(started -> assertThat(started).doesNotHaveBean(RetentionJob.class)
                .doesNotHaveBean(FinishedSagaPurge.class));
    }

    @Test
    void refusesABatchSizeThatCouldNeverFinish() {
        context.withPropertyValues("saga.retention.enabled=true", "saga.retention.batch-size=0")
                .run(started -> assertThat(started).hasFailed());
    }
}
