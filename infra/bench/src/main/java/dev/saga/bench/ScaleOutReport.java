package dev.saga.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the scale-out sweep measured, as written to {@code scale-out.json} and printed: per shape the
 * throughput (also per pgbench tps of the same run), the latency, whether every saga ended, and how the messages
 * of the window spread over the orchestrator instances and over the participant instances.
 */
final class ScaleOutReport {

    public String startedAt;
    public String machine;
    public String target;
    public Map<String, Object> settings = new LinkedHashMap<>();
    public Ceilings.Result ceilings;
    public List<ScaleOutSweep.Step> steps = new ArrayList<>();
    public List<String> violations = new ArrayList<>();

    boolean passed() {
        return violations.isEmpty() && steps.stream().allMatch(step -> step.load().unfinished() == 0
                && step.load().stuckOrFailed() == 0 && step.load().ended() > 0);
    }

    void json(Path file) throws IOException {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), this);
    }

    void table(PrintStream out) {
        out.printf("%nscale-out on %s, %s; started %s%n", target, machine, startedAt);
        if (ceilings != null) {
            out.printf("ceilings: PerfTest %.0f msg/s published (one quorum queue), pgbench -N %.0f tps%n",
                    ceilings.brokerPublishesPerSecond(), ceilings.pgTransactionsPerSecond());
        }
        out.println("orchestrators | participants | sagas/s | per pgbench tps | p50 ms | p99 ms | stuck | unfinished"
                + " | errors | CPU ms/saga | cores orch/part/broker/db | machine");
        out.println("--------------+--------------+---------+-----------------+--------+--------+-------+-----------"
                + "-+--------+-------------+---------------------------+--------");
        for (ScaleOutSweep.Step step : steps) {
            PhaseResult load = step.load();
            Map<String, Double> cores = load.usage().cores();
            out.printf("%13d | %12d | %7.1f | %15s | %6.0f | %6.0f | %5d | %10d | %6d | %11s | %25s | %7.2f%n",
                    step.orchestrators(), step.participantInstances(), load.sagasPerSecond(),
                    load.perSaga().normalisedText(), load.duration().p50(), load.duration().p99(),
                    load.stuckOrFailed(), load.unfinished(), load.requestErrors(),
                    ReportWriter.millis(load.perSaga().cpuMillis()), PerSaga.SYSTEM.stream()
                            .map(p -> String.format("%.2f", cores.getOrDefault(p, Double.NaN)))
                            .collect(Collectors.joining(" / ")), cores.getOrDefault(Measurement.MACHINE, Double.NaN));
        }
        out.println("\nwork per instance (messages its consumers handled in the window):");
        for (ScaleOutSweep.Step step : steps) {
            out.printf("%d x %d: %s%n", step.orchestrators(), step.participantInstances(), spread(step));
        }
        out.println(violations.isEmpty() ? "\ninvariants (DESIGN §6) over every saga of the sweep: all held"
                : "\ninvariants that did not hold:\n  " + String.join("\n  ", violations));
        out.println(passed() ? "scale-out: PASS" : "scale-out: FAIL");
    }

    /**
     * "orchestrator 2,601 (51 %), orchestrator#2 2,520 (49 %); participants 3,100 (50 %), participants#2 3,050
     * (50 %)": the orchestrators one by one, then each launcher's six services together.
     */
    static String spread(ScaleOutSweep.Step step) {
        Map<String, Long> orchestrators = new LinkedHashMap<>();
        Map<String, Long> launchers = new LinkedHashMap<>();
        for (int i = 0; i < step.orchestrators(); i++) {
            String name = SystemUnderTest.instanceName("orchestrator", i);
            orchestrators.put(name, step.messages(name));
        }
        for (int i = 0; i < step.participantInstances(); i++) {
            launchers.put(SystemUnderTest.instanceName("participants", i), 0L);
        }
        step.messagesByInstance().keySet().stream().filter(instance -> !instance.startsWith("orchestrator"))
                .forEach(instance -> launchers.merge(SystemUnderTest.instanceName("participants",
                        SystemUnderTest.instanceIndex(instance)), step.messages(instance), Long::sum));
        return shares(orchestrators) + "; " + shares(launchers);
    }

    private static String shares(Map<String, Long> messages) {
        long total = messages.values().stream().mapToLong(Long::longValue).sum();
        return messages.entrySet().stream().map(e -> String.format("%s %,d (%s)", e.getKey(), e.getValue(),
                total == 0 ? "n/a" : Math.round(100.0 * e.getValue() / total) + " %"))
                .collect(Collectors.joining(", "));
    }
}
