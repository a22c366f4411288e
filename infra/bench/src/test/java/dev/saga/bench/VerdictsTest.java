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
}
