package dev.saga.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClosedLoopSweepTest {

    private static final Map<String, Double> CORES = Map.of(Measurement.ORCHESTRATOR, 0.5);

    private static ClosedLoopSweep.Level level(int c, double... repeats) {
        List<PhaseResult> results = new java.util.ArrayList<>();
        for (int r = 0; r < repeats.length; r++) {
            results.add(Phases.closed("closed C=" + c + " #" + (r + 1), c, repeats[r], CORES, 5000));
        }
        return ClosedLoopSweep.level(c, results);
    }

    @Test
    void aLevelIsTheMedianOfItsRepeatsWithThatRepeatsPerSagaFigures() {
        ClosedLoopSweep.Level level = level(64, 31, 25, 29);

        assertThat(level.sagasPerSecond()).isEqualTo(29);
        assertThat(level.medianRepeat()).isEqualTo("closed C=64 #3");
        assertThat(level.perSaga().cpuMillis()).isEqualTo(0.5 * 1000 / 29);
        assertThat(level.repeats()).containsExactly(31.0, 25.0, 29.0);
    }

    @Test
    void theMaximumIsTheBestLevelsMedianNotTheBestSingleRepeat() {
        ClosedLoopSweep.Level best = ClosedLoopSweep.best(List.of(level(64, 30, 31, 29), level(200, 50, 20, 21),
                level(400, 35, 36, 34)));

        assertThat(best.concurrency()).isEqualTo(400);
        assertThat(best.sagasPerSecond()).isEqualTo(35);
    }

    @Test
    void onATieTheLowerLevelIsTheMaximum() {
        ClosedLoopSweep.Level best = ClosedLoopSweep.best(List.of(level(64, 40), level(200, 40)));

        assertThat(best.concurrency()).isEqualTo(64);
    }
}
