package dev.saga.messaging;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Trace and log defaults every service shares, at the lowest precedence so a service or operator can override
 * them. They are set here rather than in {@code messaging.properties} because logging is configured before a
 * context reads its property sources.
 */
public class ObservabilityDefaults implements EnvironmentPostProcessor {

    /**
     * The logging-context key naming the participant a consumer thread works for (a {@link BatchingConsumer}
     * label): one context may host several participants, and a JVM several contexts, while Boot writes one
     * application name into every line of the JVM.
     */
    public static final String PARTICIPANT_KEY = "participant";

    static final Map<String, Object> DEFAULTS = Map.of(
            // Every saga's trace is complete; a busy deployment lowers this.
            "management.tracing.sampling.probability", "1.0",
            // Each log line: [participant] and [trace id, span id, saga id] where there are some, nothing where not.
            "logging.pattern.correlation",
            "%replace([%X{" + PARTICIPANT_KEY + ":-}] ){'^\\[\\] $', ''}"
                    + "%replace([%X{traceId:-},%X{spanId:-},saga=%X{sagaId:-}] ){'^\\[,,saga=\\] $', ''}");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource("sagaObservabilityDefaults", DEFAULTS));
    }
}
