package dev.saga.participant.kit;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts a service with its own configuration file ({@code <name>.yml}), so several services can share one
 * classpath and one JVM (the demo's co-hosting launcher) without reading each other's settings.
 */
public final class ServiceLauncher {

    private ServiceLauncher() {
    }

    public static ConfigurableApplicationContext run(Class<?> application, String name, String... args) {
        return new SpringApplicationBuilder(application)
                .properties("spring.config.name=" + name, "spring.application.name=" + name)
                .run(args);
    }
}
