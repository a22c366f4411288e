package dev.saga.bench;

import java.util.Map;

/** Phase results with fixed numbers, for tests of what the report derives from them. */
final class Phases {

    private Phases() {
    }

    static PhaseResult closed(String name, int concurrency, double sagasPerSecond, Map<String, Double> cores,
                              double pgbenchTps) {
        Measurement.Usage usage = new Measurement.Usage(60, cores, 1000, 900, BatchSizes.Window.NONE);
        return new PhaseResult(name, "closed", concurrency, Double.NaN, 60, sagasPerSecond, sagasPerSecond,
                Math.round(sagasPerSecond * 60), 0, 0, 0, 0, LatencyStats.of(new double[] {30, 40, 50}),
                LatencyStats.of(new double[] {5, 6}), Map.of(), usage, PerSaga.of(sagasPerSecond, cores, pgbenchTps));
    }

    /** An open loop at {@code rate} whose sagas took {@code millis}. */
    static PhaseResult open(String name, double rate, double[] millis, Map<String, Double> cores, double pgbenchTps) {
        Measurement.Usage usage = new Measurement.Usage(60, cores, 1000, 900, BatchSizes.Window.NONE);
        return new PhaseResult(name, "open", 0, rate, 60, rate, rate, Math.round(rate * 60), 0, 0, 0, 0,
                LatencyStats.of(millis), LatencyStats.of(new double[] {5, 6}), Map.of(), usage,
                PerSaga.of(rate, cores, pgbenchTps));
    }
}
