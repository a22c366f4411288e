package dev.saga.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VerdictsTest {

    private static BenchReport reportAt(double completedPerSecond, double cores, double pgbenchTps) {
        BenchReport report = new BenchReport();
        PhaseResult phase = Phases.closed("closed C=200 #1", 200, completedPerSecond,
                Map.of(Measurement.ORCHESTRATOR, cores), pgbenchTps);
        report.closedLoops.add(phase);
        report.sweep.add(ClosedLoopSweep.level(200, List.of(phase)));
        report.maxSagasPerSecond = completedPerSecond;
        report.bestConcurrency = 200;
        report.atMaximum = phase.perSaga();
        return report;
    }

    @Test
    void theNormalisedAndCpuTargetsAreJudgedAtTheMaximum() {
        BenchReport met = reportAt(200, 1.8, 5000);
        BenchReport missed = reportAt(40, 1.2, 4000);

        Verdicts.fill(met);
        Verdicts.fill(missed);

        assertThat(met.targets).containsEntry(">= 0.04 completed sagas/s per pgbench tps at the maximum",
                "met: 0.0400 at C=200 (median repeat)")
                .containsEntry("<= 10 ms CPU per completed saga at the maximum, all processes",
                        "met: 9.0 ms at C=200 (median repeat)");
        assertThat(missed.targets).containsEntry(">= 0.04 completed sagas/s per pgbench tps at the maximum",
                "NOT met: 0.0100 at C=200 (median repeat)")
                .containsEntry("<= 10 ms CPU per completed saga at the maximum, all processes",
                        "NOT met: 30.0 ms at C=200 (median repeat)");
    }

    @Test
    void withoutCeilingsTheNormalisedTargetIsNotMeasured() {
        BenchReport report = reportAt(60, 1.8, Double.NaN);

        Verdicts.fill(report);

        assertThat(report.targets).containsEntry(">= 0.04 completed sagas/s per pgbench tps at the maximum",
                "not measured (ceilings skipped)");
    }

    private static BenchReport.Costs costs(double statementsPerSaga, Map<String, Double> statements) {
        return new BenchReport.Costs(300, 18.0, statementsPerSaga, Map.of(), statements, 14, Map.of(), Map.of(),
                BatchSizes.Window.NONE);
    }

    private static BenchReport.Preloaded preloaded(long placementTransactions, long processingTransactions,
                                                   long launchTransactions, long completed) {
        // 10 tx/s of background over 20 idle s after the processing and over 5 s after the launch alone, and
        // 5 tx/s over 10 s after the placement.
        return new BenchReport.Preloaded(200, completed, new BenchReport.Counted(placementTransactions, 5, 10),
                new BenchReport.Counted(processingTransactions, 10, 20),
                new BenchReport.Counted(launchTransactions, 10, 5), 8.0, BatchSizes.Window.NONE, 70);
    }

    @Test
    void theStatementTargetIsJudgedOnTheCostCount() {
        BenchReport met = reportAt(60, 1.8, 5000);
        met.costs = costs(54.9, Map.of("orchestrator SELECT saga", 54.9));
        BenchReport missed = reportAt(60, 1.8, 5000);
        missed.costs = costs(106.0, Map.of("orchestrator SELECT saga", 106.0));
        BenchReport unlogged = reportAt(60, 1.8, 5000);
        unlogged.costs = costs(0, Map.of());

        Verdicts.fill(met);
        Verdicts.fill(missed);
        Verdicts.fill(unlogged);

        String target = "<= 55 SQL statements per saga at batch size 1 (cost count)";
        assertThat(met.targets).containsEntry(target, "met: 54.9 statements per saga over 300 sagas");
        assertThat(missed.targets).containsEntry(target, "NOT met: 106.0 statements per saga over 300 sagas");
        assertThat(unlogged.targets).containsEntry(target, "not measured (no statement count)");
    }

    @Test
    void theTransactionTargetIsJudgedOnThePreloadedCountWithTheBackgroundSubtracted() {
        BenchReport met = reportAt(60, 1.8, 5000);
        // (250 - 50) + (1300 - 200) = 1300 over 200 sagas, of which the launch alone took 150 - 50 = 100.
        met.preloaded = preloaded(250, 1300, 150, 200);
        BenchReport missed = reportAt(60, 1.8, 5000);
        // (450 - 50) + (3600 - 200) = 3800 over 200 sagas.
        missed.preloaded = preloaded(450, 3600, 50, 200);
        BenchReport incomplete = reportAt(60, 1.8, 5000);
        // 1200 over 190 completed sagas is 6.3.
        incomplete.preloaded = preloaded(250, 1200, 50, 190);
        BenchReport skipped = reportAt(60, 1.8, 5000);

        Verdicts.fill(met);
        Verdicts.fill(missed);
        Verdicts.fill(incomplete);
        Verdicts.fill(skipped);

        String target = "<= 6 transactions per saga at 200 in flight (preloaded queues)";
        assertThat(met.targets).containsEntry(target,
                "met: 6.0 transactions per saga without the orchestrator's launch (6.5 with it), 200 of 200"
                        + " completed; batch sizes n/a");
        assertThat(missed.targets).containsEntry(target,
                "NOT met: 19.0 transactions per saga without the orchestrator's launch (19.0 with it), 200 of 200"
                        + " completed; batch sizes n/a");
        assertThat(incomplete.targets).containsEntry(target,
                "NOT met: 6.3 transactions per saga without the orchestrator's launch (6.3 with it), 190 of 200"
                        + " completed; batch sizes n/a");
        assertThat(skipped.targets).containsEntry(target,
                "not measured (preloaded count skipped or failed: see the notes)");
        assertThat(met.preloaded.text()).isEqualTo("preloaded 200: 6.5 transactions per saga (placement 1.0"
                + " + processing 5.5; 200 of 200 completed 8.0 s after the orchestrator's launch; idle background of"
                + " 5.0 and 10.0 tx/s subtracted while settling), 6.0 without the launch itself (100 transactions"
                + " with nothing queued)");
    }

    @Test
    void theLatencyTargetIsJudgedAtHalfTheMaximum() {
        BenchReport report = reportAt(60, 1.8, 5000);
        report.halfMaximumRate = 30;
        report.openLoops.add(open(30, 240));
        report.openLoops.add(open(100, 900));
        BenchReport slow = reportAt(60, 1.8, 5000);
        slow.halfMaximumRate = 30;
        slow.openLoops.add(open(30, 260));
        BenchReport none = reportAt(60, 1.8, 5000);

        Verdicts.fill(report);
        Verdicts.fill(slow);
        Verdicts.fill(none);

        String target = "p99 <= 250 ms at 50 % of the maximum";
        assertThat(report.targets).containsEntry(target, "met: p99 240 ms at 30.0/s");
        assertThat(slow.targets).containsEntry(target, "NOT met: p99 260 ms at 30.0/s");
        assertThat(none.targets).containsEntry(target, "not measured");
    }

    private static PhaseResult open(double rate, double p99) {
        PhaseResult closed = Phases.closed("x", 0, rate, Map.of(), Double.NaN);
        return new PhaseResult(String.format("open %.1f/s", rate), "open", 0, rate, 60, rate, rate,
                Math.round(rate * 60), 0, 0, 0, 0, LatencyStats.of(new double[] {p99 / 2, p99}), closed.intake(),
                Map.of(), closed.usage(), closed.perSaga());
    }
}
