package dev.saga.orchestrator.retention;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** The retention job exists only when {@code saga.retention.enabled=true}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "saga.retention.enabled", havingValue = "true")
@EnableConfigurationProperties(RetentionSettings.class)
public class RetentionConfiguration {

    @Bean
    FinishedSagaPurge finishedSagaPurge(JdbcTemplate jdbc, TransactionTemplate transaction,
                                        RetentionSettings settings) {
        return new FinishedSagaPurge(jdbc, transaction, settings);
    }

    @Bean
    RetentionJob retentionJob(FinishedSagaPurge purge, RetentionSettings settings) {
        return new RetentionJob(purge, settings);
    }
}
