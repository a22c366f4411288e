package dev.saga.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Spring arguments of one service process: the bench's own settings, then the properties given on the
 * command line. A property the bench also sets replaces the bench's value instead of being passed twice:
 * Spring joins a repeated {@code --k=v} into {@code "v1,v2"}, which would run neither setting.
 */
final class ServiceArguments {

    private final Map<String, String> properties = new LinkedHashMap<>();

    ServiceArguments set(String key, String value) {
        properties.put(key, value);
        return this;
    }

    ServiceArguments setAll(Map<String, String> given) {
        properties.putAll(given);
        return this;
    }

    List<String> toArgs() {
        List<String> args = new ArrayList<>();
        properties.forEach((key, value) -> args.add("--" + key + "=" + value));
        return args;
    }
}
