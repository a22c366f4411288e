package dev.saga.chaos;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code <scenario>|all [--sagas N] [--seed S] [--saga-version 1|2] [--monkey-seconds N] [--window-seconds N]
 * [--quiet-seconds N] [--out DIR] [--cluster]}. The window is how long a slow or flaky participant, or the
 * duplicating relay, stays in place. The saga version is the order-fulfilment version new orders start on.
 * {@code --cluster} runs the cluster scenarios on the three broker nodes and the replicated database.
 */
record RunOptions(List<String> scenarios, int sagas, long seed, int sagaVersion, Duration monkeyLength,
                  Duration window, Duration quietTimeout, Path out, boolean cluster) {

    static final String USAGE = "usage: infra/chaos/run <scenario>|all [--sagas N] [--seed S] [--saga-version 1|2]"
            + " [--monkey-seconds N] [--window-seconds N] [--quiet-seconds N] [--out DIR] [--cluster]";

    static RunOptions parse(String[] args, Path repo) {
        List<String> scenarios = new ArrayList<>();
        int sagas = 100;
        long seed = 1;
        int sagaVersion = 1;
        Duration monkey = Duration.ofSeconds(60);
        Duration window = Duration.ofSeconds(25);
        Duration quiet = Duration.ofSeconds(300);
        Path out = repo.resolve("reports/chaos");
        boolean cluster = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--sagas" -> sagas = Integer.parseInt(value(args, ++i, arg));
                case "--seed" -> seed = Long.parseLong(value(args, ++i, arg));
                case "--saga-version" -> sagaVersion = Integer.parseInt(value(args, ++i, arg));
                case "--monkey-seconds" -> monkey = Duration.ofSeconds(Long.parseLong(value(args, ++i, arg)));
                case "--window-seconds" -> window = Duration.ofSeconds(Long.parseLong(value(args, ++i, arg)));
                case "--quiet-seconds" -> quiet = Duration.ofSeconds(Long.parseLong(value(args, ++i, arg)));
                case "--out" -> out = Path.of(value(args, ++i, arg));
                case "--cluster" -> cluster = true;
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
        if (sagaVersion != 1 && sagaVersion != 2) {
            throw new IllegalArgumentException("--saga-version is 1 or 2");
        }
        return new RunOptions(List.copyOf(scenarios), sagas, seed, sagaVersion, monkey, window, quiet, out, cluster);
    }

    /**
     * The orchestrator settings for the saga version: version 2 is loaded with a one-second capture delay, so that
     * every saga's capture waits in a timer row through the faults and still ends well within a scenario.
     */
    List<String> sagaVersionSettings() {
        return sagaVersion == 1 ? List.of()
                : List.of("--order-fulfilment.v2.enabled=true", "--order-fulfilment.v2.capture-delay=1s");
    }

    /** The options that repeat this run, after the scenario names. */
    String reproduce() {
        return "--sagas " + sagas + " --seed " + seed + (sagaVersion == 1 ? "" : " --saga-version " + sagaVersion)
                + (cluster ? " --cluster" : "");
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
        }
        return args[index];
    }
}
