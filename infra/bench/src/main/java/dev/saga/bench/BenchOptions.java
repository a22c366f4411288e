package dev.saga.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one benchmark run does, from the command line. {@code --quick} shortens every window and skips the
 * growth phase, for a smoke run; the figures it gives are rougher, never different in kind. The last phase runs
 * order-fulfilment v2 at 10 sagas/s beside v1's 10/s ({@code --no-version2} leaves it out). The property
 * options set Spring properties of the services under test, so an A/B of a setting needs no code change.
 * {@code --cluster} runs everything on the three broker nodes and the replicated database of {@code infra/cluster};
 * {@code --scale-out} runs the ceilings and then, instead of the phases above, the scale-out sweep
 * ({@link ScaleOutSweep}) over {@code --orchestrators} and {@code --participant-instances}.
 */
record BenchOptions(
        Duration window,
        Duration warmup,
        List<Integer> concurrency,
        List<Double> rates,
        int repeats,
        double failureShare,
        boolean quick,
        boolean ceilings,
        boolean growth,
        boolean profile,
        boolean sqlCount,
        boolean preloaded,
        boolean version2,
        int historySagas,
        Path repoRoot,
        Path runDir,
        Path orchestratorJar,
        Path launcherJar,
        String pgLog,
        Map<String, String> orchestratorProperties,
        Map<String, String> participantProperties,
        boolean appendToDocs,
        boolean cluster,
        boolean scaleOut,
        List<Integer> orchestratorCounts,
        List<Integer> participantCounts,
        List<String> arguments) {

    /** The closed-loop levels of a full run: below, at and above the orchestrator's admission limit (200). */
    static final List<Integer> FULL_SWEEP = List.of(64, 200, 400);
    /** A quick run measures one level, the one the sweep has always started from. */
    static final List<Integer> QUICK_SWEEP = List.of(64);

    static final String ORCHESTRATOR_PROPERTY = "--orchestrator-property";
    static final String PARTICIPANT_PROPERTY = "--participant-property";

    static final String USAGE = """
            usage: infra/bin/bench [--duration 60s] [--rate R[,R...]] [--concurrency C[,C...]] [--quick]
                   [--repeats N] [--warmup 20s] [--failure-share 0.1] [--history 1000000]
                   [--no-ceilings] [--no-growth] [--no-profile] [--no-sql-count]
                   [--no-preloaded | --preloaded] [--no-version2]
                   [--orchestrator-property k=v]... [--participant-property k=v]... [--append-to-docs]
                   [--cluster] [--scale-out [--orchestrators 1,2,3] [--participant-instances 1,2]]""";

    static BenchOptions parse(Path repoRoot, Path runDir, Path orchestratorJar, Path launcherJar, String... args) {
        boolean quick = Arrays.asList(args).contains("--quick");
        Duration window = quick ? Duration.ofSeconds(15) : Duration.ofSeconds(60);
        Duration warmup = quick ? Duration.ofSeconds(8) : Duration.ofSeconds(20);
        List<Integer> concurrency = quick ? QUICK_SWEEP : FULL_SWEEP;
        List<Double> rates = List.of();
        int repeats = quick ? 1 : 3;
        double failureShare = 0;
        boolean ceilings = true;
        boolean growth = !quick;
        boolean profile = true;
        boolean sqlCount = true;
        // About 75 s, most of it the orchestrator's start and the statistics settling: more than a smoke run
        // should add, so --quick leaves it out unless asked for.
        boolean preloaded = !quick;
        boolean version2 = true;
        int history = 1_000_000;
        String pgLog = "/var/log/postgresql/postgresql-15-main.log";
        Map<String, String> orchestratorProperties = new LinkedHashMap<>();
        Map<String, String> participantProperties = new LinkedHashMap<>();
        boolean appendToDocs = false;
        boolean cluster = false;
        boolean scaleOut = false;
        List<Integer> orchestratorCounts = List.of(1, 2, 3);
        List<Integer> participantCounts = List.of(1, 2);
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            boolean valued = List.of("--duration", "--warmup", "--rate", "--concurrency", "--repeats",
                    "--failure-share", "--history", "--pg-log", ORCHESTRATOR_PROPERTY, PARTICIPANT_PROPERTY,
                    "--orchestrators", "--participant-instances")
                    .contains(name);
            String value = null;
            if (valued) {
                if (arg.contains("=")) {
                    value = arg.substring(arg.indexOf('=') + 1);
                } else if (i + 1 < args.length) {
                    value = args[++i];
                } else {
                    throw new IllegalArgumentException(name + " needs a value\n" + USAGE);
                }
            }
            switch (name) {
                case "--quick" -> { }
                case "--duration" -> window = duration(value);
                case "--warmup" -> warmup = duration(value);
                case "--rate" -> rates = split(value).stream().map(Double::parseDouble).toList();
                case "--concurrency" -> concurrency = split(value).stream().map(Integer::parseInt).toList();
                case "--repeats" -> repeats = Integer.parseInt(value);
                case "--failure-share" -> failureShare = Double.parseDouble(value);
                case "--history" -> history = Integer.parseInt(value);
                case "--pg-log" -> pgLog = value;
                case "--no-ceilings" -> ceilings = false;
                case "--no-growth" -> growth = false;
                case "--growth" -> growth = true;
                case "--no-profile" -> profile = false;
                case "--no-sql-count" -> sqlCount = false;
                case "--no-preloaded" -> preloaded = false;
                case "--preloaded" -> preloaded = true;
                case "--no-version2" -> version2 = false;
                case ORCHESTRATOR_PROPERTY -> property(name, value, orchestratorProperties);
                case PARTICIPANT_PROPERTY -> property(name, value, participantProperties);
                case "--append-to-docs" -> appendToDocs = true;
                case "--cluster" -> cluster = true;
                case "--scale-out" -> scaleOut = true;
                case "--orchestrators" -> orchestratorCounts = counts(name, value);
                case "--participant-instances" -> participantCounts = counts(name, value);
                default -> throw new IllegalArgumentException("unknown argument '" + arg + "'\n" + USAGE);
            }
        }
        if (concurrency.isEmpty() || concurrency.stream().anyMatch(c -> c < 1)) {
            throw new IllegalArgumentException("--concurrency needs one or more levels of at least 1, got "
                    + concurrency);
        }
        if (cluster && !Arrays.asList(args).contains("--pg-log")) {
            // The statement count reads the server's log; the shared server's is the default, and on the cluster
            // which of two servers is the primary changes with every failover. A saga's statements are the
            // same on either target.
            sqlCount = false;
        }
        if (appendToDocs && scaleOut) {
            throw new IllegalArgumentException("--append-to-docs appends the full run's table; the scale-out sweep"
                    + " writes scale-out.json and prints its own");
        }
        if (failureShare < 0 || failureShare > 1) {
            throw new IllegalArgumentException("--failure-share must be between 0 and 1");
        }
        return new BenchOptions(window, warmup, concurrency, rates, Math.max(1, repeats), failureShare, quick,
                ceilings, growth, profile, sqlCount, preloaded, version2, history, repoRoot, runDir, orchestratorJar,
                launcherJar, pgLog,
                Collections.unmodifiableMap(orchestratorProperties), Collections.unmodifiableMap(participantProperties),
                appendToDocs, cluster, scaleOut, orchestratorCounts, participantCounts, List.of(args));
    }

    /** A list of instance counts, each from 1 to 3: what two cores and the broker and database beside them host. */
    private static List<Integer> counts(String option, String value) {
        List<Integer> counts;
        try {
            counts = split(value).stream().map(Integer::parseInt).toList();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs instance counts such as 1,2,3, got '" + value + "'");
        }
        if (counts.isEmpty() || counts.stream().anyMatch(c -> c < 1 || c > 3)) {
            throw new IllegalArgumentException(option + " needs instance counts from 1 to 3, got '" + value + "'");
        }
        return counts;
    }

    /**
     * One {@code k=v} of a property option. A key given twice keeps its last value, and the service gets it
     * once (see {@link ServiceArguments}). The key is a Spring property name: a leading {@code --} (the
     * service's own argument syntax) is refused rather than guessed at. The value may be empty.
     */
    private static void property(String option, String value, Map<String, String> properties) {
        int equals = value.indexOf('=');
        if (equals < 0) {
            throw new IllegalArgumentException(option + " needs key=value, got '" + value + "' (e.g. "
                    + example(option) + ")");
        }
        String key = value.substring(0, equals).trim();
        if (key.isEmpty() || key.startsWith("-") || key.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException(option + " needs a property name before '=', got '" + value
                    + "' (e.g. " + example(option) + ")");
        }
        properties.put(key, value.substring(equals + 1));
    }

    private static String example(String option) {
        return option + (option.equals(ORCHESTRATOR_PROPERTY) ? " saga.admission.max-in-flight=0"
                : " spring.datasource.hikari.maximum-pool-size=8");
    }

    /** {@code 60s}, {@code 2m}, {@code 500ms}, or plain seconds. */
    static Duration duration(String text) {
        String t = text.trim().toLowerCase();
        if (t.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        }
        if (t.endsWith("s")) {
            return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
        }
        if (t.endsWith("m")) {
            return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
        }
        return Duration.ofSeconds(Long.parseLong(t));
    }

    private static List<String> split(String value) {
        List<String> parts = new ArrayList<>();
        for (String part : value.split(",")) {
            if (!part.isBlank()) {
                parts.add(part.trim());
            }
        }
        return parts;
    }

    /** A shorter window for phases that only need a reading, not a steady state (profile, ceilings). */
    Duration shortWindow() {
        return quick ? Duration.ofSeconds(10) : Duration.ofSeconds(20);
    }
}
