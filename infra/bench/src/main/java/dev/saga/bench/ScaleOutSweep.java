package dev.saga.bench;

import dev.saga.testbed.Baseline;
import dev.saga.testbed.DesignInvariants;
import dev.saga.testbed.Expectations;
import dev.saga.testbed.ParkingQueue;
import dev.saga.testbed.SystemTopology;
import dev.saga.testbed.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scale-out sweep: for every count of orchestrator instances and of participant instances asked for, a
 * system of that shape is started, warmed up, and loaded with the closed loop at the first concurrency level.
 * What each instance did comes from its own consumer histograms: the messages it took from each queue in the
 * window. Two cores cap the totals, so more instances cannot mean more sagas per second here; the sweep shows
 * that the work spreads over the instances and that nothing breaks: every saga of every step ends, and the
 * design's invariants (DESIGN §6) hold over all of them at the end.
 */
final class ScaleOutSweep {

    /**
     * One shape's window, and per instance (orchestrator, orchestrator#2, ..., inventory, inventory#2, ...) the
     * messages each of its consumers handled in it, by queue.
     */
    record Step(int orchestrators, int participantInstances, PhaseResult load,
                Map<String, Map<String, Long>> messagesByInstance) {

        /** The messages the instance handled, all its queues together. */
        long messages(String instance) {
            return messagesByInstance.getOrDefault(instance, Map.of()).values().stream().mapToLong(Long::longValue)
                    .sum();
        }
    }

    /** The steps, and the invariants that did not hold over everything they ran (empty: all held). */
    record Result(List<Step> steps, List<String> violations) {
    }

    private static final Duration WARMUP = Duration.ofSeconds(20);

    private final BenchOptions options;
    private final Endpoints endpoints;
    private final BenchDatabase database;
    private final RabbitStats rabbit;
    private final Completions completions;
    private final double pgbenchTps;
    private Baseline baseline;

    ScaleOutSweep(BenchOptions options, Endpoints endpoints, BenchDatabase database, RabbitStats rabbit,
                  Completions completions, double pgbenchTps) {
        this.options = options;
        this.endpoints = endpoints;
        this.database = database;
        this.rabbit = rabbit;
        this.completions = completions;
        this.pgbenchTps = pgbenchTps;
    }

    Result run() {
        List<Step> steps = new ArrayList<>();
        for (int orchestrators : options.orchestratorCounts()) {
            for (int participants : options.participantCounts()) {
                steps.add(step(new SystemUnderTest.Instances(orchestrators, participants)));
            }
        }
        return new Result(steps, violations());
    }

    private Step step(SystemUnderTest.Instances instances) {
        int concurrency = options.concurrency().get(0);
        String shape = instances.orchestrators() + " orchestrator(s) x " + instances.participants()
                + " participant instance(s)";
        System.out.printf("== %s: starting%n", shape);
        try (SystemUnderTest system = new SystemUnderTest(options, endpoints, instances);
             OrderClient client = new OrderClient(system.orderPorts())) {
            system.start();
            if (baseline == null) {
                // The services' schemas exist once the first system is up; every later step adds to the same tables.
                database.seedWorkload();
                baseline = Baseline.of(database);
            }
            Measurement measurement = new Measurement(database, rabbit, completions, system);
            LoadLoops loops = new LoadLoops(client, completions, new Workload(options.failureShare()), measurement,
                    database, pgbenchTps);
            System.out.printf("== %s: JIT warm-up, closed loop C=%d for %s, not recorded%n", shape, concurrency,
                    WARMUP);
            loops.closed("warm-up", concurrency, Duration.ZERO, WARMUP);
            loops.drain();
            System.out.printf("== %s: closed loop C=%d, %s warm-up, %s window%n", shape, concurrency,
                    options.warmup(), options.window());
            PhaseResult load = loops.closed(instances.orchestrators() + "x" + instances.participants() + " C="
                    + concurrency, concurrency, options.warmup(), options.window());
            loops.drain();
            Step step = new Step(instances.orchestrators(), instances.participants(), load,
                    messagesByInstance(load.usage().batchSizes()));
            System.out.printf("   %.1f sagas/s, p50 %.0f ms, p99 %.0f ms; %s%n", load.sagasPerSecond(),
                    load.duration().p50(), load.duration().p99(), ScaleOutReport.spread(step));
            return step;
        }
    }

    private static Map<String, Map<String, Long>> messagesByInstance(BatchSizes.Window window) {
        Map<String, Map<String, Long>> byInstance = new LinkedHashMap<>();
        window.byService().forEach((instance, consumers) -> {
            Map<String, Long> byQueue = new LinkedHashMap<>();
            consumers.forEach((queue, consumer) -> byQueue.put(queue, consumer.messages()));
            byInstance.put(instance, byQueue);
        });
        return byInstance;
    }

    /** The design's invariants over every saga the steps ran, once the last one has drained. */
    private List<String> violations() {
        if (baseline == null) {
            return List.of("no step ran");
        }
        List<ParkingQueue> parking = SystemTopology.parkingQueues().stream()
                .map(queue -> ParkingQueue.ofDepth(queue, rabbit.queueDepth(queue))).toList();
        DesignInvariants design = new DesignInvariants(database, baseline);
        return DesignInvariants.failed(design.all(parking, new Expectations())).stream().map(Verdict::describe)
                .toList();
    }
}
