package dev.saga.chaos;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code <scenario>|all [--sagas N] [--seed S] [--monkey-seconds N] [--window-seconds N] [--quiet-seconds N]
 * [--out DIR]}. The window is how long a slow or flaky participant, or the duplicating relay, stays in place.
 */
record RunOptions(List<String> scenarios, int sagas, long seed, Duration monkeyLength, Duration window,
                  Duration quietTimeout, Path out) {

    static final String USAGE = "usage: infra/chaos/run <scenario>|all [--sagas N] [--seed S] [--monkey-seconds N]"
            + " [--window-seconds N] [--quiet-seconds N] [--out DIR]";

    static RunOptions parse(String[] args, Path repo) {
        List<String> scenarios = new ArrayList<>();
        int sagas = 100;
        long seed = 1;
        Duration monkey = Duration.ofSeconds(60);
        Duration window = Duration.ofSeconds(25);
        Duration quiet = Duration.ofSeconds(300);
        Path out = repo.resolve("reports/chaos");
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--sagas" -> sagas = Integer.parseInt(value(args, ++i, arg));
                case "--seed" -> seed = Long.parseLong(value(args, ++i, arg));
                case "--monkey-seconds" -> monkey = Duration.ofSeconds(Long.parseLong(value(args, ++i, arg)));
                case "--window-seconds" -> window = Duration.ofSeconds(Long.parseLong(value(args, ++i, arg)));
                case "--quiet-seconds" -> quiet = Duration.ofSeconds(Long.parseLong(value(args, ++i, arg)));
                case "--out" -> out = Path.of(value(args, ++i, arg));
                default -> {
                    if (arg.startsWith("--")) {
                        throw new IllegalArgumentException("unknown option " + arg + "\n" + USAGE);
                    }
                    scenarios.add(arg);
                }
            }
        }
        if (scenarios.isEmpty()) {
            throw new IllegalArgumentException("name a scenario or all\n" + USAGE);
        }
        if (sagas < 1) {
            throw new IllegalArgumentException("--sagas must be at least 1");
        }
        return new RunOptions(List.copyOf(scenarios), sagas, seed, monkey, window, quiet, out);
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
        }
        return args[index];
    }
}
