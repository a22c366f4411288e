package dev.saga.bench;

import java.util.Comparator;
import java.util.List;

/**
 * The closed loop at several levels of sagas in flight, each repeated. A level's figure is the median of its
 * repeats (a real repeat, not an average, so a warm-up outlier cannot move it); the maximum sustained
 * throughput is the best level's figure, and the report names that level. The per-saga figures of a level are
 * those of its median repeat, so they describe the same window as its throughput.
 */
final class ClosedLoopSweep {

    /** One level's repeats, reduced. */
    record Level(int concurrency, double sagasPerSecond, double completedPerSecond, String medianRepeat,
                 PerSaga perSaga, List<Double> repeats) {
    }

    private ClosedLoopSweep() {
    }

    static Level level(int concurrency, List<PhaseResult> repeats) {
        if (repeats.isEmpty()) {
            throw new IllegalArgumentException("level C=" + concurrency + " has no repeat");
        }
        List<PhaseResult> sorted = repeats.stream().sorted(Comparator.comparingDouble(PhaseResult::sagasPerSecond))
                .toList();
        // The lower middle one for an even count, as LatencyStats.median.
        PhaseResult median = sorted.get((sorted.size() - 1) / 2);
        return new Level(concurrency, median.sagasPerSecond(), median.completedPerSecond(), median.name(),
                median.perSaga(), repeats.stream().map(PhaseResult::sagasPerSecond).toList());
    }

    /** The level with the highest median; on a tie the lower concurrency, which reached it with less. */
    static Level best(List<Level> levels) {
        Level best = null;
        for (Level level : levels) {
            if (best == null || level.sagasPerSecond() > best.sagasPerSecond()) {
                best = level;
            }
        }
        return best;
    }
}
