package dev.saga.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScaleOutReportTest {

    private static final Map<String, Double> CORES = Map.of(Measurement.ORCHESTRATOR, 0.5);

    @Test
    void theSpreadListsEachOrchestratorAndEachLaunchersSixServicesTogether() {
        ScaleOutSweep.Step step = new ScaleOutSweep.Step(2, 2, Phases.closed("2x2 C=64", 64, 40, CORES, 6000),
                Map.of("orchestrator", Map.of("orchestrator.replies", 300L, "orchestrator.starts", 100L),
                        "orchestrator#2", Map.of("orchestrator.replies", 600L),
                        "inventory", Map.of("inventory.commands", 50L),
                        "payment", Map.of("payment.commands", 100L),
                        "inventory#2", Map.of("inventory.commands", 150L)));

        assertThat(ScaleOutReport.spread(step)).isEqualTo("orchestrator 400 (40 %), orchestrator#2 600 (60 %);"
                + " participants 150 (50 %), participants#2 150 (50 %)");
    }

    @Test
    void anInstanceThatHandledNothingShowsAsZeroAndTheSweepFailsWhenASagaDidNotEnd() {
        ScaleOutReport report = new ScaleOutReport();
        report.target = "the cluster";
        report.steps.add(new ScaleOutSweep.Step(1, 2, Phases.closed("1x2 C=64", 64, 40, CORES, 6000),
                Map.of("orchestrator", Map.of("orchestrator.replies", 10L), "order", Map.of("order.commands", 4L))));

        assertThat(ScaleOutReport.spread(report.steps.get(0)))
                .endsWith("participants 4 (100 %), participants#2 0 (0 %)");
        assertThat(report.passed()).isTrue();
        report.violations.add("sagas settled: 1 RUNNING");
        assertThat(report.passed()).isFalse();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        report.table(new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("1 x 2: orchestrator 10 (100 %)")
                .contains("sagas settled: 1 RUNNING").contains("scale-out: FAIL");
    }

    @Test
    void instanceNamesRoundTripToTheirIndex() {
        assertThat(List.of(0, 1, 2)).allSatisfy(i -> assertThat(SystemUnderTest.instanceIndex(
                SystemUnderTest.instanceName("payment", i))).isEqualTo(i));
    }
}
