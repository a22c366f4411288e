package dev.saga.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one completed saga of a window cost, so runs on a machine whose speed moves from day to day can be
 * compared: completed sagas per second divided by the pgbench tps measured in the same run (how much of the
 * database's simple-update ceiling a saga is worth), and CPU milliseconds per completed saga, from the cores
 * each process used over the window ({@code cores × 1000 / completed per second}). The total adds the four
 * parts of the system: orchestrator, participants, broker and the database backends serving the bench; the
 * harness and the machine are listed beside them but not added. A figure that has no basis is null ("n/a"),
 * never a guess: no pgbench figure when the ceilings were skipped, no CPU figure when no saga completed.
 */
record PerSaga(Double completedPerPgbenchTps, Double cpuMillis, Map<String, Double> cpuMillisByProcess) {

    /** The processes that make up the system, in the order the report shows them. */
    static final List<String> SYSTEM = List.of(Measurement.ORCHESTRATOR, Measurement.PARTICIPANTS,
            Measurement.BROKER, Measurement.DATABASE);

    static final PerSaga NONE = new PerSaga(null, null, Map.of());

    /**
     * @param completedPerSecond sagas that ended COMPLETED in the window, per second
     * @param cores              cores used per process over the same window
     * @param pgbenchTps         pgbench's transactions per second in this run, NaN when not measured
     */
    static PerSaga of(double completedPerSecond, Map<String, Double> cores, double pgbenchTps) {
        Double normalised = Double.isNaN(pgbenchTps) || pgbenchTps <= 0 ? null : completedPerSecond / pgbenchTps;
        if (!(completedPerSecond > 0)) {
            return new PerSaga(normalised, null, Map.of());
        }
        Map<String, Double> byProcess = new LinkedHashMap<>();
        cores.forEach((process, used) -> byProcess.put(process, used * 1000 / completedPerSecond));
        double total = 0;
        for (String process : SYSTEM) {
            total += byProcess.getOrDefault(process, 0.0);
        }
        return new PerSaga(normalised, total, byProcess);
    }

    /** The run's pgbench figure, or NaN when the ceilings were skipped. */
    static double pgbenchTps(Ceilings.Result ceilings) {
        return ceilings == null ? Double.NaN : ceilings.pgTransactionsPerSecond();
    }

    /** CPU ms per saga of one process, NaN when there is none. */
    double cpuMillisOf(String process) {
        Double millis = cpuMillisByProcess.get(process);
        return millis == null ? Double.NaN : millis;
    }

    /** {@code 0.0112}, or {@code n/a}. */
    String normalisedText() {
        return completedPerPgbenchTps == null ? "n/a" : String.format("%.4f", completedPerPgbenchTps);
    }
}
