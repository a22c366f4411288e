package dev.saga.bench;

import java.util.List;

/** The run's figures against the ceilings and against the targets set for later, stated, never adjusted. */
final class Verdicts {

    private Verdicts() {
    }

    static void fill(BenchReport report) {
        PhaseResult best = report.closedLoops.stream().filter(p -> p.concurrency() == report.bestConcurrency)
                .max((a, b) -> Double.compare(a.sagasPerSecond(), b.sagasPerSecond())).orElse(null);
        if (report.ceilings != null && best != null) {
            report.shareOfCeilings.put("broker publishes at max throughput", String.format(
                    "%.0f msg/s of %.0f = %.1f %%", best.usage().publishesPerSecond(),
                    report.ceilings.brokerPublishesPerSecond(),
                    100 * best.usage().publishesPerSecond() / report.ceilings.brokerPublishesPerSecond()));
            report.shareOfCeilings.put("database transactions at max throughput", String.format(
                    "%.0f tx/s of %.0f = %.1f %%", best.usage().transactionsPerSecond(),
                    report.ceilings.pgTransactionsPerSecond(),
                    100 * best.usage().transactionsPerSecond() / report.ceilings.pgTransactionsPerSecond()));
        }
        List<Double> completedRepeats = report.closedLoops.stream()
                .filter(p -> p.concurrency() == report.bestConcurrency).map(PhaseResult::completedPerSecond).toList();
        double completed = LatencyStats.median(completedRepeats);
        report.targets.put(">= 200 completed sagas/s sustained", verdict(completed >= 200,
                String.format("%.1f completed/s over %s windows (median)", completed, report.settings.get("window"))));
        PerSaga max = report.atMaximum;
        report.targets.put(">= 0.04 completed sagas/s per pgbench tps at the maximum",
                max.completedPerPgbenchTps() == null ? "not measured (ceilings skipped)"
                        : verdict(max.completedPerPgbenchTps() >= 0.04, max.normalisedText() + " at C="
                                + report.bestConcurrency + " (median repeat)"));
        report.targets.put("<= 10 ms CPU per completed saga at the maximum, all processes",
                max.cpuMillis() == null ? "not measured (no saga completed)"
                        : verdict(max.cpuMillis() <= 10, String.format("%.1f ms at C=%d (median repeat)",
                                max.cpuMillis(), report.bestConcurrency)));
        costs(report);
        preloaded(report);
        if (Double.isNaN(report.halfMaximumRate)) {
            report.targets.put("p99 <= 250 ms at 50 % of the maximum", "not measured");
        } else {
            open(report, report.halfMaximumRate, "p99 <= 250 ms at 50 % of the maximum",
                    p -> p.duration().p99() <= 250,
                    p -> String.format("p99 %.0f ms at %.1f/s", p.duration().p99(), p.offeredPerSecond()));
        }
        open(report, 100, "p99 <= 250 ms at 100/s", p -> p.duration().p99() <= 250,
                p -> String.format("p99 %.0f ms", p.duration().p99()));
        open(report, 10, "p50 <= 60 ms at 10/s", p -> p.duration().p50() <= 60,
                p -> String.format("p50 %.0f ms", p.duration().p50()));
        if (!Double.isNaN(report.growthMaxSagasPerSecond)) {
            double ratio = report.growthMaxSagasPerSecond / report.maxSagasPerSecond;
            report.targets.put("with 1M finished sagas within 85 % of empty", verdict(ratio >= 0.85,
                    String.format("%.1f vs %.1f sagas/s = %.0f %%", report.growthMaxSagasPerSecond,
                            report.maxSagasPerSecond, 100 * ratio)));
        } else {
            report.targets.put("with 1M finished sagas within 85 % of empty", "not measured (growth skipped)");
        }
    }

    private static void costs(BenchReport report) {
        String target = "<= 55 SQL statements per saga at batch size 1 (cost count)";
        BenchReport.Costs costs = report.costs;
        if (costs == null || costs.statements().isEmpty()) {
            report.targets.put(target, "not measured (no statement count)");
        } else {
            report.targets.put(target, verdict(costs.statementsPerSaga() <= 55,
                    String.format("%.1f statements per saga over %d sagas", costs.statementsPerSaga(), costs.sagas())));
        }
    }

    private static void preloaded(BenchReport report) {
        String target = "<= 6 transactions per saga at 200 in flight (preloaded queues)";
        BenchReport.Preloaded preloaded = report.preloaded;
        if (preloaded == null) {
            report.targets.put(target, "not measured (preloaded count skipped or failed: see the notes)");
        } else if (preloaded.transactionsPerSaga() == null) {
            report.targets.put(target, "not measured (no saga completed)");
        } else {
            // Judged without the orchestrator's own launch, which no saga causes; both figures are quoted.
            report.targets.put(target, verdict(preloaded.withoutLaunchPerSaga() <= 6 && preloaded.completed()
                    == preloaded.sagas(), String.format("%.1f transactions per saga without the orchestrator's"
                            + " launch (%.1f with it), %d of %d completed; %s", preloaded.withoutLaunchPerSaga(),
                    preloaded.transactionsPerSaga(), preloaded.completed(), preloaded.sagas(),
                    preloaded.batchSizes().summary())));
        }
    }

    private static void open(BenchReport report, double rate, String target,
                             java.util.function.Predicate<PhaseResult> met,
                             java.util.function.Function<PhaseResult, String> figure) {
        report.openLoops.stream().filter(p -> p.offeredPerSecond() == rate).findFirst().ifPresentOrElse(
                p -> report.targets.put(target, verdict(met.test(p) && p.unfinished() == 0, figure.apply(p)
                        + (p.unfinished() > 0 ? ", " + p.unfinished() + " unfinished" : ""))),
                () -> report.targets.put(target, "not measured"));
    }

    private static String verdict(boolean met, String figure) {
        return (met ? "met: " : "NOT met: ") + figure;
    }
}
