package dev.saga.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Everything one run measured, as written to {@code report.json}. */
final class BenchReport {

    /** Per-saga costs from the statement-count phase. */
    record Costs(long sagas, double transactionsPerSaga, double statementsPerSaga,
                 Map<String, Double> statementsByService,
                 Map<String, Double> statements, double publishesPerSaga, Map<String, Double> publishesByExchange,
                 Map<String, Double> rowWritesPerSaga, BatchSizes.Window batchSizes) {

        /** The statements per saga by service and shape, largest first. */
        List<Map.Entry<String, Double>> topStatements(int n) {
            return statements.entrySet().stream()
                    .sorted(Map.Entry.<String, Double>comparingByValue().reversed()
                            .thenComparing(Map.Entry.comparingByKey()))
                    .limit(n).toList();
        }
    }

    /**
     * Database transactions counted over an interval, the idle background's rate and the idle seconds of the
     * interval it is subtracted for: {@code net} is what the work took.
     */
    record Counted(long transactions, double idlePerSecond, double idleSeconds, double net) {

        Counted(long transactions, double idlePerSecond, double idleSeconds) {
            this(transactions, idlePerSecond, idleSeconds, transactions - idlePerSecond * idleSeconds);
        }
    }

    /**
     * The preloaded count (see {@link PreloadedCount}): transactions per completed saga, placement and processing
     * added, and the batch sizes the consumers handled; {@code launch} is the orchestrator's start-up alone, which
     * the processing includes, so {@code withoutLaunchPerSaga} is the sagas' own cost. Null per-saga figures when no
     * saga completed.
     */
    record Preloaded(int sagas, long completed, Double transactionsPerSaga, Double placementPerSaga,
                     Double processingPerSaga, Double launchPerSaga, Double withoutLaunchPerSaga, Counted placement,
                     Counted processing, Counted launch, double processingSeconds, BatchSizes.Window batchSizes,
                     long phaseSeconds) {

        Preloaded(int sagas, long completed, Counted placement, Counted processing, Counted launch,
                  double processingSeconds, BatchSizes.Window batchSizes, long phaseSeconds) {
            this(sagas, completed, perSaga(placement.net() + processing.net(), completed),
                    perSaga(placement.net(), completed), perSaga(processing.net(), completed),
                    perSaga(launch.net(), completed),
                    perSaga(placement.net() + processing.net() - launch.net(), completed), placement, processing,
                    launch, processingSeconds, batchSizes, phaseSeconds);
        }

        private static Double perSaga(double transactions, long completed) {
            return completed > 0 ? Math.round(transactions / completed * 10) / 10.0 : null;
        }

        /** "preloaded 200: 6.3 transactions per saga (placement 1.2 + processing 5.1; ...), 5.9 without ..." */
        String text() {
            if (transactionsPerSaga == null) {
                return String.format("preloaded %d: no saga completed", sagas);
            }
            return String.format("preloaded %d: %.1f transactions per saga (placement %.1f + processing %.1f;"
                            + " %d of %d completed %.1f s after the orchestrator's launch; idle background of %.1f"
                            + " and %.1f tx/s subtracted while settling), %.1f without the launch itself (%.0f"
                            + " transactions with nothing queued)",
                    sagas, transactionsPerSaga, placementPerSaga, processingPerSaga, completed, sagas,
                    processingSeconds, placement.idlePerSecond(), processing.idlePerSecond(), withoutLaunchPerSaga,
                    launch.net());
        }
    }

    /** The profile phase: the closed loop it ran under, and the top of each JVM's recording. */
    record Profile(PhaseResult load, JfrSummary.Summary orchestrator, JfrSummary.Summary participants) {
    }

    public String startedAt;
    public String machine;
    public Map<String, Object> settings = new LinkedHashMap<>();
    public Ceilings.Result ceilings;
    public List<PhaseResult> closedLoops = new ArrayList<>();
    /** Every closed-loop level, reduced to the median of its repeats. */
    public List<ClosedLoopSweep.Level> sweep = new ArrayList<>();
    /** The best level's median: the maximum sustained throughput, and the level it was reached at. */
    public double maxSagasPerSecond = Double.NaN;
    public int bestConcurrency;
    /** The per-saga figures of the best level's median repeat. */
    public PerSaga atMaximum = PerSaga.NONE;
    public List<PhaseResult> openLoops = new ArrayList<>();
    /** The open-loop rate at half the maximum, where the p99 target is judged; NaN before the open loops ran. */
    public double halfMaximumRate = Double.NaN;
    public Profile profile;
    public long historySagas;
    public List<PhaseResult> growthLoops = new ArrayList<>();
    public double growthMaxSagasPerSecond = Double.NaN;
    public Costs costs;
    /** Order-fulfilment v2 (stock and payment in parallel, captured at once) in the open loop at 10 sagas/s. */
    public PhaseResult version2;
    public Preloaded preloaded;
    public Map<String, String> shareOfCeilings = new LinkedHashMap<>();
    public Map<String, String> targets = new LinkedHashMap<>();
    public List<String> notes = new ArrayList<>();
}
