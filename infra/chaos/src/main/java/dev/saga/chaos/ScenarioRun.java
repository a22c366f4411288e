package dev.saga.chaos;

import dev.saga.testbed.Baseline;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Runs one scenario against the running fleet: streams its orders, injects its faults meanwhile, puts back
 * whatever is still broken, waits until the system is quiet and checks the invariants.
 */
final class ScenarioRun {

    private final Fleet fleet;
    private final Infrastructure infra;
    private final AmqpConnections amqp;
    private final Restorer restorer;
    private final Database db;
    private final Broker broker;
    private final SystemInvariants invariants;
    private final RunOptions options;

    ScenarioRun(Fleet fleet, Infrastructure infra, AmqpConnections amqp, Restorer restorer, RunOptions options) {
        this.fleet = fleet;
        this.infra = infra;
        this.amqp = amqp;
        this.restorer = restorer;
        this.options = options;
        this.db = new Database(infra.databaseUrl());
        this.broker = new Broker(infra);
        this.invariants = new SystemInvariants(db, new AdminApi(fleet), broker);
    }

    ScenarioResult run(Scenario scenario, long seed) {
        System.out.printf("%n== %s (seed %d): %s%n", scenario.name(), seed, scenario.description());
        Random random = new Random(seed);
        Baseline baseline = Baseline.of(db);
        Instant start = Instant.now();
        RecoveryClock clock = new RecoveryClock(db, start);
        OrderStream stream = new OrderStream(fleet::orderServiceUrls, new Random(random.nextLong()));
        Duration interval = scenario.planLength().dividedBy(Math.max(1, options.sagas()));
        AvailabilityProbe probe = new AvailabilityProbe(amqp, infra.amqpAddresses(), infra.databaseUrl()).start();
        Thread submitting = stream.start(options.sagas(), interval);
        FaultContext faults = new FaultContext(fleet, infra, amqp, broker, new Random(random.nextLong()), clock,
                restorer);
        List<String> planErrors = new ArrayList<>();
        try {
            scenario.inject(faults);
        } catch (RuntimeException e) {
            planErrors.add("fault plan: " + e.getMessage());
            faults.log("fault plan failed: " + e);
        }
        stream.planFinished();
        joinStream(submitting);
        faults.log("all orders submitted (" + stream.accepted().size() + " accepted); restoring and waiting for quiet");
        restorer.restoreAll();
        AvailabilityProbe.Pauses pauses = probe.stop();
        faults.log(String.format("longest pauses: publishing %.1f s, consuming %.1f s, committing %.1f s",
                pauses.publishing(), pauses.consuming(), pauses.committing()));
        probe.queues().forEach(broker::deleteQueue);
        boolean quiet = new Quiet(db, broker).await(start, options.quietTimeout());
        RecoveryClock.Result recovery = clock.stop();
        faults.log(quiet ? "quiet" : "not quiet within " + options.quietTimeout().toSeconds() + " s");
        Map<String, Integer> poisoned = faults.poisoned();
        ScenarioVerdict verdict = invariants.check(start, stream.accepted(), poisoned, baseline);
        List<String> violations = new ArrayList<>(planErrors);
        if (!quiet) {
            violations.add("quiet within " + options.quietTimeout().toSeconds() + " s: it was not");
        }
        if (!recovery.unrecovered().isEmpty()) {
            violations.add("recovered after each fault: not after " + recovery.unrecovered());
        }
        violations.addAll(verdict.violations);
        return new ScenarioResult(scenario.name(), scenario.description(), seed, stream.accepted().size(),
                stream.notAccepted(), verdict.completed, verdict.compensated, verdict.stuck, verdict.failed,
                verdict.unfinished, verdict.lost, verdict.duplicateEffects, verdict.parked, verdict.poisoned,
                verdict.deadlinesFired, verdict.repliesIgnored,
                recovery.faults(), recovery.longestIfAllRecovered().map(d -> d.toMillis() / 1000.0).orElse(null),
                pauses, Duration.between(start, Instant.now()).toMillis() / 1000.0, violations);
    }

    private static void joinStream(Thread submitting) {
        try {
            submitting.join(Duration.ofMinutes(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
