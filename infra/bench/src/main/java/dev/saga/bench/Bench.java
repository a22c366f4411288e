package dev.saga.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The benchmark run: ceilings, closed loop (maximum throughput), open loop at fixed rates (latency), profile,
 * a large history (growth), and what one saga costs in SQL statements and publishes. Run by
 * {@code infra/bin/bench}, which builds, resets the bench database and vhost and passes the jars.
 * Arguments: {@code <repo root> <run dir> <orchestrator jar> <launcher jar> [options]}.
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        if (args.length < 4) {
            System.err.println("Run it with infra/bin/bench\n" + BenchOptions.USAGE);
            System.exit(2);
        }
        String[] rest = java.util.Arrays.copyOfRange(args, 4, args.length);
        BenchOptions options;
        try {
            options = BenchOptions.parse(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]), Path.of(args[3]),
                    rest);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        Files.createDirectories(options.runDir());
        if (options.scaleOut()) {
            ScaleOutReport report = scaleOut(options);
            report.table(System.out);
            Path json = options.runDir().resolve("scale-out.json");
            report.json(json);
            System.out.println("\nreport: " + json);
            System.exit(report.passed() ? 0 : 1);
        }
        BenchReport report = run(options);
        Path json = options.runDir().resolve("report.json");
        Path png = options.runDir().resolve("latency.png");
        ReportWriter.json(report, json);
        ReportWriter.chart(report, png);
        ReportWriter.table(report, System.out);
        Path latest = options.runDir().getParent();
        Files.copy(json, latest.resolve("latest.json"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(png, latest.resolve("latest.png"), StandardCopyOption.REPLACE_EXISTING);
        System.out.println("\nreport: " + json + "\nchart:  " + png);
        if (options.appendToDocs()) {
            Path docs = options.repoRoot().resolve("docs/performance.md");
            PerformanceLog.append(docs, report);
            System.out.println("docs:   appended to " + docs);
        }
    }

    /** The ceilings, then the scale-out sweep on the same target; see {@link ScaleOutSweep}. */
    static ScaleOutReport scaleOut(BenchOptions options) throws Exception {
        Endpoints endpoints = endpoints(options);
        ScaleOutReport report = new ScaleOutReport();
        report.startedAt = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
        report.machine = machine();
        report.target = target(endpoints);
        report.settings.put("window", options.window().toString());
        report.settings.put("warmup", options.warmup().toString());
        report.settings.put("concurrency", options.concurrency().get(0));
        report.settings.put("arguments", String.join(" ", options.arguments()));
        RabbitStats rabbit = new RabbitStats(endpoints);
        try (BenchDatabase database = new BenchDatabase(endpoints);
             Completions completions = new Completions(endpoints)) {
            if (options.ceilings()) {
                System.out.println("== ceilings");
                report.ceilings = new Ceilings(endpoints, rabbit, database).measure(options.shortWindow(),
                        options.quick() ? 1 : 3);
            }
            ScaleOutSweep.Result result = new ScaleOutSweep(options, endpoints, database, rabbit, completions,
                    PerSaga.pgbenchTps(report.ceilings)).run();
            report.steps.addAll(result.steps());
            report.violations.addAll(result.violations());
        }
        return report;
    }

    private static Endpoints endpoints(BenchOptions options) {
        return options.cluster() ? Endpoints.fromEnvironment(System.getenv()) : Endpoints.local();
    }

    private static String machine() throws java.io.IOException {
        return Runtime.getRuntime().availableProcessors() + " cores, load average "
                + Files.readString(Path.of("/proc/loadavg")).trim().split(" ")[0] + " at start";
    }

    private static String target(Endpoints endpoints) {
        return endpoints.cluster()
                ? "the cluster: RabbitMQ " + endpoints.amqpAddresses() + " vhost bench (quorum queues of three"
                        + " members, confirms, mandatory), PostgreSQL " + endpoints.serviceDatabaseUrl()
                        + " (synchronous standby, synchronous_commit on)"
                : "RabbitMQ 5672 vhost bench (quorum queues, confirms, mandatory), PostgreSQL 5432 database bench"
                        + " (synchronous_commit on)";
    }

    static BenchReport run(BenchOptions options) throws Exception {
        Endpoints endpoints = endpoints(options);
        BenchReport report = new BenchReport();
        report.startedAt = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
        report.machine = machine();
        describe(options, endpoints, report);
        ReportWriter.header(report, System.out);
        RabbitStats rabbit = new RabbitStats(endpoints);
        try (BenchDatabase database = new BenchDatabase(endpoints)) {
            if (options.ceilings()) {
                System.out.println("== ceilings");
                report.ceilings = new Ceilings(endpoints, rabbit, database).measure(options.shortWindow(),
                        options.quick() ? 1 : 3);
            }
            System.out.println("== starting the orchestrator and the participant services");
            try (SystemUnderTest system = new SystemUnderTest(options, endpoints);
                 OrderClient client = new OrderClient(system.orderPorts());
                 Completions completions = new Completions(endpoints)) {
                Runtime.getRuntime().addShutdownHook(new Thread(system::stop));
                system.start();
                database.seedWorkload();
                report.notes.add("the server runs with autovacuum " + database.queryString("SHOW autovacuum")
                        + "; the bench vacuums and analyses its database after every phase");
                Measurement measurement = new Measurement(database, rabbit, completions, system);
                LoadLoops loops = new LoadLoops(client, completions, new Workload(options.failureShare()),
                        measurement, database, PerSaga.pgbenchTps(report.ceilings));
                jitWarmup(options, loops, report);
                closedLoops(options, loops, report);
                openLoops(options, loops, report);
                if (options.profile()) {
                    profile(options, system, loops, report);
                }
                if (options.growth()) {
                    growth(options, database, loops, report);
                }
                if (options.preloaded()) {
                    preloaded(database, rabbit, system, client, completions, loops, report);
                }
                if (options.sqlCount()) {
                    report.costs = new CostCount(options, endpoints, database, rabbit, system, client, completions)
                            .measure(options.quick() ? 100 : 300);
                }
                if (options.version2()) {
                    version2(options, system, loops, report);
                }
            }
        }
        Verdicts.fill(report);
        return report;
    }

    /**
     * A fresh JVM spends its first minutes compiling (C2 took most of the orchestrator's CPU in the first runs);
     * this unrecorded closed loop lets that settle before anything is measured.
     */
    private static void jitWarmup(BenchOptions options, LoadLoops loops, BenchReport report) {
        jitWarmup("JIT warm-up", options, loops, report);
    }

    private static void jitWarmup(String label, BenchOptions options, LoadLoops loops, BenchReport report) {
        Duration warmup = options.quick() ? Duration.ofSeconds(20) : Duration.ofSeconds(60);
        int concurrency = options.concurrency().get(0);
        System.out.printf("== %s: closed loop C=%d for %s, not recorded%n", label, concurrency, warmup);
        PhaseResult result = loops.closed(label, concurrency, Duration.ZERO, warmup);
        report.notes.add(String.format("%s (not in the figures): %.1f sagas/s over %s", label,
                result.sagasPerSecond(), warmup));
        loops.drain();
    }

    /**
     * Order-fulfilment v2 at 10 sagas/s, to set beside v1's 10/s: the orchestrator restarts with version 2 loaded
     * and the capture delay off, so that the difference is the parallel group (v2's other steps are v1's, and no
     * bench order is large enough for a review). The restarted JVM is warmed up first, as the first one was.
     */
    private static void version2(BenchOptions options, SystemUnderTest system, LoadLoops loops,
                                 BenchReport report) {
        System.out.println("== order-fulfilment v2: the orchestrator restarts with it loaded, capture at once");
        system.restartOrchestrator(Map.of("order-fulfilment.v2.enabled", "true",
                "order-fulfilment.v2.capture-delay", "0s"));
        jitWarmup("v2 JIT warm-up", options, loops, report);
        System.out.printf("== v2 open loop at 10.0/s: %s warm-up, %s window%n", options.warmup(), options.window());
        report.version2 = loops.open("v2 open 10.0/s", 10.0, Duration.ofSeconds(Math.max(5,
                options.warmup().toSeconds() / 2)), options.window());
        System.out.printf("   %.1f sagas/s, p50 %.0f ms, p99 %.0f ms, unfinished %d%n",
                report.version2.sagasPerSecond(), report.version2.duration().p50(),
                report.version2.duration().p99(), report.version2.unfinished());
        loops.drain();
    }

    private static void closedLoops(BenchOptions options, LoadLoops loops, BenchReport report) {
        for (int c : options.concurrency()) {
            List<PhaseResult> repeats = new ArrayList<>();
            for (int r = 1; r <= options.repeats(); r++) {
                System.out.printf("== closed loop C=%d, repeat %d/%d: %s warm-up, %s window%n", c, r,
                        options.repeats(), options.warmup(), options.window());
                PhaseResult result = loops.closed("closed C=" + c + " #" + r, c, options.warmup(), options.window());
                report.closedLoops.add(result);
                repeats.add(result);
                System.out.printf("   %.1f sagas/s (%s per pgbench tx), p50 %.0f ms, p99 %.0f ms, CPU %s ms/saga%n",
                        result.sagasPerSecond(), result.perSaga().normalisedText(), result.duration().p50(),
                        result.duration().p99(), ReportWriter.millis(result.perSaga().cpuMillis()));
                result.usage().batchSizes().lines().forEach(line -> System.out.println("     batches " + line));
                loops.drain();
            }
            report.sweep.add(ClosedLoopSweep.level(c, repeats));
        }
        ClosedLoopSweep.Level best = ClosedLoopSweep.best(report.sweep);
        report.maxSagasPerSecond = best.sagasPerSecond();
        report.bestConcurrency = best.concurrency();
        report.atMaximum = best.perSaga();
    }

    private static void openLoops(BenchOptions options, LoadLoops loops, BenchReport report) {
        TreeSet<Double> rates = new TreeSet<>(options.rates());
        if (rates.isEmpty()) {
            rates.add(10.0);
            rates.add(100.0);
            for (double share : new double[] {0.25, 0.75}) {
                rates.add(shareOfMaximum(report, share));
            }
        }
        // The latency target is judged at half the measured maximum, so that rate runs whatever --rate says.
        report.halfMaximumRate = shareOfMaximum(report, 0.5);
        rates.add(report.halfMaximumRate);
        for (double rate : rates) {
            // Far beyond the maximum the backlog grows by (rate - max) every second and must drain before the
            // next phase: a short window shows the overload as well as a long one.
            boolean overload = rate > 1.25 * report.maxSagasPerSecond;
            Duration window = overload ? min(options.window(), Duration.ofSeconds(20)) : options.window();
            System.out.printf("== open loop at %.1f/s: %s warm-up, %s window%s%n", rate, options.warmup(), window,
                    overload ? " (beyond the measured maximum: shortened)" : "");
            PhaseResult result = loops.open(String.format("open %.1f/s%s", rate, overload ? " (over)" : ""), rate,
                    Duration.ofSeconds(Math.max(5, options.warmup().toSeconds() / 2)), window);
            report.openLoops.add(result);
            System.out.printf("   %.1f sagas/s, p50 %.0f ms, p99 %.0f ms, unfinished %d%n", result.sagasPerSecond(),
                    result.duration().p50(), result.duration().p99(), result.unfinished());
            loops.drain();
        }
    }

    /** A share of the measured maximum as an offered rate, to a tenth, at least 1/s. */
    static double shareOfMaximum(BenchReport report, double share) {
        return Math.max(1, Math.round(report.maxSagasPerSecond * share * 10) / 10.0);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static void profile(BenchOptions options, SystemUnderTest system, LoadLoops loops, BenchReport report) {
        System.out.println("== profile: closed loop with flight recordings on both JVMs");
        system.startRecording();
        // Starting a recording instruments the event classes and deoptimises code for a while, so the window
        // starts after a full warm-up; its throughput is still the recording's, not a figure to compare.
        PhaseResult load = loops.closed("profile C=" + report.bestConcurrency, report.bestConcurrency,
                options.warmup(), options.shortWindow());
        List<Path> recordings = system.stopRecording();
        loops.drain();
        report.profile = new BenchReport.Profile(load, JfrSummary.of(recordings.get(0)),
                JfrSummary.of(recordings.get(1)));
    }

    /** The preloaded count; when it fails, the run keeps its other figures and the system is restarted. */
    private static void preloaded(BenchDatabase database, RabbitStats rabbit, SystemUnderTest system,
                                  OrderClient client, Completions completions, LoadLoops loops, BenchReport report)
            throws InterruptedException {
        try {
            report.preloaded = new PreloadedCount(database, rabbit, system, client, completions).measure();
        } catch (RuntimeException e) {
            System.err.println("preloaded count failed: " + e);
            report.notes.add("the preloaded count failed: " + e.getMessage());
            system.restart();
        }
        loops.drain();
    }

    private static void growth(BenchOptions options, BenchDatabase database, LoadLoops loops, BenchReport report) {
        System.out.printf("== growth: inserting %,d finished sagas with their timelines%n", options.historySagas());
        long began = System.nanoTime();
        History.insert(database, options.historySagas());
        report.historySagas = database.sagaCount();
        report.notes.add(String.format("history of %,d sagas inserted in %d s", options.historySagas(),
                (System.nanoTime() - began) / 1_000_000_000L));
        List<Double> repeats = new ArrayList<>();
        for (int r = 1; r <= options.repeats(); r++) {
            System.out.printf("== closed loop with history C=%d, repeat %d/%d%n", report.bestConcurrency, r,
                    options.repeats());
            PhaseResult result = loops.closed("history C=" + report.bestConcurrency + " #" + r,
                    report.bestConcurrency, options.warmup(), options.window());
            report.growthLoops.add(result);
            repeats.add(result.sagasPerSecond());
            System.out.printf("   %.1f sagas/s, p50 %.0f ms, p99 %.0f ms%n", result.sagasPerSecond(),
                    result.duration().p50(), result.duration().p99());
            loops.drain();
        }
        report.growthMaxSagasPerSecond = LatencyStats.median(repeats);
    }

    private static void describe(BenchOptions o, Endpoints endpoints, BenchReport report) {
        Map<String, Object> s = report.settings;
        s.put("window", o.window().toString());
        s.put("warmup", o.warmup().toString());
        s.put("concurrency", o.concurrency());
        s.put("repeats", o.repeats());
        s.put("failureShare", o.failureShare());
        s.put("quick", o.quick());
        s.put("arguments", String.join(" ", o.arguments()));
        s.put("orchestrator", "-Xmx512m G1, application.yml defaults (prefetch 50, 4 consumers, pool 10)"
                + (o.orchestratorProperties().isEmpty() ? "" : ", with orchestratorProperties"));
        s.put("participants", "one JVM, 6 services, -Xmx768m G1, defaults (prefetch 20, 2 consumers, pool 6 each)"
                + (o.participantProperties().isEmpty() ? "" : ", with participantProperties"));
        s.put("orchestratorProperties", o.orchestratorProperties());
        s.put("participantProperties", o.participantProperties());
        s.put("services", target(endpoints));
        s.put("completion detection", "poll orchestrator.saga by business_key every " + Completions.POLL_MILLIS
                + " ms, one indexed query for all orders in flight; end time = saga.updated_at");
    }
}
