package dev.saga.participant.launcher;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.context.ConfigurableApplicationContext;

/** The services one launcher started, by name; closing stops them in the reverse order of their start. */
public final class RunningParticipants implements AutoCloseable {

    private final Map<String, ConfigurableApplicationContext> contexts = new LinkedHashMap<>();

    void add(String name, ConfigurableApplicationContext context) {
        contexts.put(name, context);
    }

    public Set<String> names() {
        return Collections.unmodifiableSet(contexts.keySet());
    }

    public ConfigurableApplicationContext context(String name) {
        ConfigurableApplicationContext context = contexts.get(name);
        if (context == null) {
            throw new IllegalArgumentException("Service '" + name + "' is not running here; running: " + names());
        }
        return context;
    }

    @Override
    public void close() {
        List<ConfigurableApplicationContext> started = new ArrayList<>(contexts.values());
        Collections.reverse(started);
        started.forEach(ConfigurableApplicationContext::close);
        contexts.clear();
    }
}
