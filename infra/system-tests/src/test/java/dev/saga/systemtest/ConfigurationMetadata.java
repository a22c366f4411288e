package dev.saga.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code saga.*} properties the services know, as the configuration processor wrote them into every
 * {@code META-INF/spring-configuration-metadata.json} on the class path (the orchestrator engine's, the messaging
 * library's, the web library's), with their descriptions. A map-typed property ({@code saga.broker-users}) stands
 * for every key under it.
 */
final class ConfigurationMetadata {

    static final String FILE = "META-INF/spring-configuration-metadata.json";
    private static final String PREFIX = "saga.";

    /** Property name to description ("" when the metadata has none). */
    private final Map<String, String> properties = new LinkedHashMap<>();
    private final Set<String> maps = new LinkedHashSet<>();
    private final Set<String> groups = new LinkedHashSet<>();

    private ConfigurationMetadata() {
    }

    static ConfigurationMetadata onClassPath() {
        ConfigurationMetadata metadata = new ConfigurationMetadata();
        ObjectMapper json = new ObjectMapper();
        try {
            for (URL url : Collections.list(ConfigurationMetadata.class.getClassLoader().getResources(FILE))) {
                try (InputStream in = url.openStream()) {
                    metadata.add(json.readTree(in));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + FILE + " from the class path", e);
        }
        return metadata;
    }

    static ConfigurationMetadata of(JsonNode... files) {
        ConfigurationMetadata metadata = new ConfigurationMetadata();
        for (JsonNode file : files) {
            metadata.add(file);
        }
        return metadata;
    }

    private void add(JsonNode file) {
        for (JsonNode group : file.path("groups")) {
            String name = group.path("name").asText();
            if (name.startsWith(PREFIX)) {
                groups.add(name);
            }
        }
        for (JsonNode property : file.path("properties")) {
            String name = property.path("name").asText();
            if (!name.startsWith(PREFIX)) {
                continue;
            }
            properties.put(name, property.path("description").asText(""));
            if (property.path("type").asText().startsWith("java.util.Map")) {
                maps.add(name);
            }
        }
    }

    /** The {@code saga.*} properties, each with its description. */
    Map<String, String> properties() {
        return Collections.unmodifiableMap(properties);
    }

    /**
     * Whether a name from the docs is a known property, a key of a map-typed one ({@code saga.broker-users.billing}),
     * or a group of them ({@code saga.deadlines}, as in {@code saga.deadlines.*}).
     */
    boolean knows(String name) {
        return properties.containsKey(name)
                || maps.stream().anyMatch(map -> name.startsWith(map + "."))
                || groups.contains(name)
                || properties.keySet().stream().anyMatch(property -> property.startsWith(name + "."));
    }

    /** The property a name stands for: itself, or the map-typed property whose key it names; null if none. */
    String propertyOf(String name) {
        if (properties.containsKey(name)) {
            return name;
        }
        return maps.stream().filter(map -> name.startsWith(map + ".")).findFirst().orElse(null);
    }

    List<String> names() {
        return List.copyOf(properties.keySet());
    }
}
