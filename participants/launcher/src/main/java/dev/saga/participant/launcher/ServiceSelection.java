package dev.saga.participant.launcher;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Which services to start ({@code --services=order,inventory}; all when absent), and the arguments every
 * selected service gets: all the others, after the co-hosting defaults they do not override.
 */
record ServiceSelection(List<String> services, String[] serviceArgs) {

    static final String OPTION = "--services=";

    /**
     * Boot writes the first service's name into every log line of the JVM; co-hosted, that name would be wrong
     * for the other four, so lines carry no application name. A consumer thread's lines name their participant
     * ({@code [inventory]}, from the kit's logging context), and logger names tell the rest apart.
     */
    private static final List<String> CO_HOSTING_DEFAULTS = List.of("--logging.include-application-name=false");

    static ServiceSelection parse(Set<String> known, String... args) {
        List<String> selected = new ArrayList<>(known);
        List<String> rest = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith(OPTION)) {
                selected = names(known, arg.substring(OPTION.length()));
            } else {
                rest.add(arg);
            }
        }
        List<String> serviceArgs = new ArrayList<>();
        for (String fallback : CO_HOSTING_DEFAULTS) {
            String key = fallback.substring(0, fallback.indexOf('=') + 1);
            if (rest.stream().noneMatch(arg -> arg.startsWith(key))) {
                serviceArgs.add(fallback);
            }
        }
        serviceArgs.addAll(rest);
        return new ServiceSelection(List.copyOf(selected), serviceArgs.toArray(String[]::new));
    }

    /** The named services in the launcher's start order, whatever order they were given in. */
    private static List<String> names(Set<String> known, String list) {
        List<String> wanted = Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (wanted.isEmpty()) {
            throw new IllegalArgumentException(OPTION + " names no service; choose from " + known);
        }
        for (String name : wanted) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException("Unknown service '" + name + "'; choose from " + known);
            }
        }
        return known.stream().filter(wanted::contains).toList();
    }
}
