package dev.saga.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.saga.testbed.Service;
import dev.saga.testbed.SystemTopology;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * The settings an application reads, as names an environment variable can stand for: every property of the
 * Spring configuration metadata on the class path (Spring Boot's own), every property or variable its
 * configuration files reference as {@code ${...}}, and every property of its own {@code @ConfigurationProperties}
 * records. An environment variable stands for a property by Spring's relaxed binding: upper case, dots as
 * underscores, dashes dropped or as underscores ({@code SPRING_RABBITMQ_VIRTUAL_HOST} for
 * {@code spring.rabbitmq.virtual-host}).
 */
final class ApplicationSettings {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}:]+)");
    private static final List<String> SHARED_FILES = List.of("messaging.properties");
    private static final List<String> SHARED_PACKAGES = List.of("dev.saga.messaging", "dev.saga.web");

    private final String application;
    /** Property names and variable names, read exactly. */
    private final Set<String> names = new LinkedHashSet<>();
    /** Properties under which any key is read (maps). */
    private final Set<String> prefixes = new LinkedHashSet<>();

    private ApplicationSettings(String application) {
        this.application = application;
    }

    static ApplicationSettings orchestrator() {
        return read("the orchestrator", List.of(SystemTopology.orchestrator()), "dev.saga.orchestrator");
    }

    static ApplicationSettings participants() {
        return read("the participant launcher", SystemTopology.participants(), "dev.saga.participant");
    }

    /** Whether the application reads the environment variable. */
    boolean reads(String variable) {
        return names.contains(variable)
                || names.stream().flatMap(ApplicationSettings::environmentForms).anyMatch(variable::equals)
                || prefixes.stream().flatMap(ApplicationSettings::environmentForms)
                        .anyMatch(form -> variable.startsWith(form + "_"));
    }

    String application() {
        return application;
    }

    int size() {
        return names.size() + prefixes.size();
    }

    private static ApplicationSettings read(String application, List<Service> services, String ownPackage) {
        ApplicationSettings settings = new ApplicationSettings(application);
        settings.readMetadata();
        Stream.concat(services.stream().map(Service::configuration), SHARED_FILES.stream())
                .forEach(settings::readPlaceholders);
        Stream.concat(Stream.of(ownPackage), SHARED_PACKAGES.stream()).forEach(settings::readConfigurationProperties);
        return settings;
    }

    private static Stream<String> environmentForms(String property) {
        String upper = property.toUpperCase(Locale.ROOT).replace('.', '_');
        return Stream.of(upper.replace("-", ""), upper.replace('-', '_')).distinct();
    }

    private void readMetadata() {
        ObjectMapper json = new ObjectMapper();
        for (String file : List.of("META-INF/spring-configuration-metadata.json",
                "META-INF/additional-spring-configuration-metadata.json")) {
            for (URL url : resources(file)) {
                try (InputStream in = url.openStream()) {
                    for (JsonNode property : json.readTree(in).path("properties")) {
                        String name = property.path("name").asText();
                        if (name.startsWith("saga.")) {
                            // The class path holds every saga module's metadata; each application's own
                            // saga.* settings come from its records and configuration files below.
                            continue;
                        }
                        if (property.path("type").asText().startsWith("java.util.Map")) {
                            prefixes.add(name);
                        } else {
                            names.add(name);
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot read " + url, e);
                }
            }
        }
    }

    private void readPlaceholders(String file) {
        List<URL> urls = resources(file);
        if (urls.isEmpty()) {
            throw new IllegalStateException(file + " is not on the class path of " + application);
        }
        for (URL url : urls) {
            try (InputStream in = url.openStream()) {
                Matcher matcher = PLACEHOLDER.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                while (matcher.find()) {
                    names.add(matcher.group(1).trim());
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + url, e);
            }
        }
    }

    private void readConfigurationProperties(String basePackage) {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        for (BeanDefinition candidate : scanner.findCandidateComponents(basePackage)) {
            Class<?> type = ClassUtils.resolveClassName(candidate.getBeanClassName(), getClass().getClassLoader());
            ConfigurationProperties annotation = type.getAnnotation(ConfigurationProperties.class);
            String prefix = annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix();
            addProperties(prefix, type);
        }
    }

    /** A record's components as properties, nested records of ours as nested properties. */
    private void addProperties(String prefix, Class<?> type) {
        if (!type.isRecord()) {
            throw new IllegalStateException(type.getName() + " binds " + prefix + ".*, but is not a record: "
                    + "name its properties here");
        }
        for (RecordComponent component : type.getRecordComponents()) {
            String name = prefix + "." + kebab(component.getName());
            Class<?> componentType = component.getType();
            if (componentType.isRecord() && componentType.getName().startsWith("dev.saga.")) {
                addProperties(name, componentType);
            } else if (Map.class.isAssignableFrom(componentType)) {
                prefixes.add(name);
            } else {
                names.add(name);
            }
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static List<URL> resources(String name) {
        try {
            return new ArrayList<>(Collections.list(ApplicationSettings.class.getClassLoader().getResources(name)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
