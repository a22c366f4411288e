package dev.saga.orchestrator.deadlines;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The scanner that fires due timers, with the deadlines of {@code saga.deadlines.*}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DeadlineSettings.class)
@Import(DeadlineScanner.class)
public class DeadlinesConfiguration {
}
