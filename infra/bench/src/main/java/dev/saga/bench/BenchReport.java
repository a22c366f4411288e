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
                 Map<String, Double> rowWritesPerSaga) {
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
    public Profile profile;
    public long historySagas;
    public List<PhaseResult> growthLoops = new ArrayList<>();
    public double growthMaxSagasPerSecond = Double.NaN;
    public Costs costs;
    public Map<String, String> shareOfCeilings = new LinkedHashMap<>();
    public Map<String, String> targets = new LinkedHashMap<>();
    public List<String> notes = new ArrayList<>();
}
