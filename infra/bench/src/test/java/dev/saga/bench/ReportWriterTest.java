package dev.saga.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {

    private static final Map<String, Double> CORES = Map.of(Measurement.ORCHESTRATOR, 0.3,
            Measurement.PARTICIPANTS, 0.4, Measurement.BROKER, 0.5, Measurement.DATABASE, 0.6,
            Measurement.DATABASE_ALL, 0.8, Measurement.MACHINE, 1.9);

    private static BenchReport report(Ceilings.Result ceilings) {
        double tps = PerSaga.pgbenchTps(ceilings);
        BenchReport report = new BenchReport();
        report.startedAt = "2026-12-01 12:50";
        report.machine = "2 cores";
        report.ceilings = ceilings;
        report.settings.put("arguments", "--quick --orchestrator-property saga.admission.max-in-flight=0");
        report.settings.put("orchestratorProperties", Map.of("saga.admission.max-in-flight", "0"));
        report.settings.put("participantProperties", Map.of());
        for (int c : new int[] {64, 200}) {
            PhaseResult phase = Phases.closed("closed C=" + c + " #1", c, c == 64 ? 50 : 40, CORES, tps);
            report.closedLoops.add(phase);
            report.sweep.add(ClosedLoopSweep.level(c, List.of(phase)));
        }
        ClosedLoopSweep.Level best = ClosedLoopSweep.best(report.sweep);
        report.maxSagasPerSecond = best.sagasPerSecond();
        report.bestConcurrency = best.concurrency();
        report.atMaximum = best.perSaga();
        return report;
    }

    private static Ceilings.Result ceilings() {
        return new Ceilings.Result(15000, 15000, 5000, List.of(15000.0), List.of(5000.0), "PerfTest", "pgbench");
    }

    private static String summary(BenchReport report) {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        ReportWriter.summary(report, new PrintStream(text, true, StandardCharsets.UTF_8));
        return text.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theSummarySetsVersionTwosMedianBesideVersionOnesAtTenPerSecond() {
        BenchReport report = report(ceilings());
        double tps = PerSaga.pgbenchTps(report.ceilings);
        report.openLoops.add(Phases.open("open 10.0/s", 10.0, new double[] {50, 60, 70}, CORES, tps));
        report.version2 = Phases.open("v2 open 10.0/s", 10.0, new double[] {35, 45, 55}, CORES, tps);

        assertThat(summary(report)).contains("v2 open 10.0/s")
                .contains("order-fulfilment at 10/s: v2 p50 45 ms, v1 p50 60 ms (v2 shorter by 15 ms, 25 %)");
    }

    @Test
    void theHeaderSaysWhichPropertiesTheServicesRanWith() {
        String text = summary(report(ceilings()));

        assertThat(text).contains("orchestrator properties: saga.admission.max-in-flight=0")
                .contains("participant properties: (none: the services' defaults)");
    }

    @Test
    void eachRowAndTheSummaryGiveTheNormalisedFigureAndCpuPerSaga() {
        String text = summary(report(ceilings()));

        // 50 completed/s against 5,000 tps; (0.3 + 0.4 + 0.5 + 0.6) × 1000 / 50 = 36 ms.
        assertThat(text).contains("0.0100").contains("36.0 = 6.0 + 8.0 + 10.0 + 12.0")
                .contains("max sustained: 50.0 sagas/s (median of repeats, C=64, the best level of the sweep 64, 200)")
                .contains("  C=200: 40.0 sagas/s, 0.0080 completed per pgbench tx, 45.0 CPU ms/saga (closed C=200 #1)")
                .contains("at the maximum (C=64, median repeat): 0.0100 completed sagas per pgbench transaction"
                        + " (pgbench -N 5000 tps); CPU 36.0 ms per completed saga: orchestrator 6.0, participants 8.0,"
                        + " broker 10.0, database 12.0 (all PostgreSQL processes 16.0)");
    }

    @Test
    void withoutCeilingsTheNormalisedFigureIsNotAvailableRatherThanInvented() {
        String text = summary(report(null));

        assertThat(text).contains("at the maximum (C=64, median repeat): n/a completed sagas per pgbench"
                + " transaction (ceilings skipped)");
        assertThat(text.lines().filter(l -> l.startsWith("closed C=")))
                .hasSize(2).allMatch(l -> l.contains(" n/a |"));
    }

    @Test
    void theJsonReportCarriesThePropertiesAndThePerSagaFigures(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("report.json");

        ReportWriter.json(report(null), file);

        JsonNode json = new ObjectMapper().readTree(file.toFile());
        assertThat(json.at("/settings/orchestratorProperties/saga.admission.max-in-flight").asText()).isEqualTo("0");
        JsonNode perSaga = json.at("/closedLoops/0/perSaga");
        assertThat(perSaga.get("completedPerPgbenchTps").isNull()).isTrue();
        assertThat(perSaga.get("cpuMillis").asDouble()).isEqualTo(36.0);
        assertThat(perSaga.at("/cpuMillisByProcess/" + Measurement.BROKER).asDouble()).isEqualTo(10.0);
        assertThat(json.at("/sweep/1/concurrency").asInt()).isEqualTo(200);
        assertThat(json.at("/atMaximum/cpuMillis").asDouble()).isEqualTo(36.0);
    }

    @Test
    void appendingARunKeepsWhatTheDocumentSaidAndAddsADatedSection(@TempDir Path dir) throws Exception {
        Path docs = dir.resolve("performance.md");
        Files.writeString(docs, "# Performance runs\n\n## 2026-11-27: earlier run\n\nkept as written\n");

        PerformanceLog.append(docs, report(ceilings()));

        String text = Files.readString(docs);
        assertThat(text).startsWith("# Performance runs\n\n## 2026-11-27: earlier run\n\nkept as written\n")
                .contains("\n## 2026-12-01 12:50: full run (appended by infra/bin/bench)\n\n```text\n== saga benchmark")
                .contains("max sustained: 50.0 sagas/s").endsWith("```\n");
    }

    private static String table(BenchReport report) {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        ReportWriter.table(report, new PrintStream(text, true, StandardCharsets.UTF_8));
        return text.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theCostCountListsTheFifteenLargestStatementShapesPerSaga() {
        BenchReport report = report(ceilings());
        Map<String, Double> statements = new java.util.LinkedHashMap<>();
        for (int i = 1; i <= 20; i++) {
            statements.put(String.format("orchestrator SELECT shape%02d", i), (double) i);
        }
        report.costs = new BenchReport.Costs(100, 18.0, 210.0, Map.of("orchestrator", 210.0), statements, 14,
                Map.of(), Map.of(), BatchSizes.Window.NONE);

        String text = table(report);

        assertThat(text).contains("top statements per saga, by service and shape:")
                .contains(" 20.00  orchestrator SELECT shape20").contains("  6.00  orchestrator SELECT shape06")
                .doesNotContain("orchestrator SELECT shape05");
        assertThat(text.indexOf("shape20")).isLessThan(text.indexOf("shape19"));
    }

    @Test
    void theSummaryHasThePreloadedLineAndEveryWindowItsBatchSizes() {
        BenchReport report = report(ceilings());
        report.preloaded = new BenchReport.Preloaded(200, 200, new BenchReport.Counted(200, 0, 10),
                new BenchReport.Counted(1000, 0, 20), new BenchReport.Counted(0, 0, 0), 8.0,
                BatchSizes.Window.NONE, 70);

        String summary = summary(report);
        String table = table(report);

        assertThat(summary).contains("preloaded 200: 6.0 transactions per saga (placement 1.0 + processing 5.0;"
                + " 200 of 200 completed 8.0 s after the orchestrator's launch; idle background of 0.0 and 0.0 tx/s"
                + " subtracted while settling), 6.0 without the launch itself (0 transactions with nothing queued),"
                + " batch sizes n/a");
        assertThat(table).contains("batch sizes per consumer and window").contains("  closed C=64 #1: n/a");
    }

    @Test
    void theReportKeepsThePreloadedCountAndTheBatchSizes(@TempDir Path dir) throws Exception {
        BenchReport report = report(ceilings());
        BatchSizes.Window window = new BatchSizes.Window(Map.of("orchestrator", Map.of("orchestrator.replies",
                new BatchSizes.Consumer(10, 40, 4.0, "≤ 4", "≤ 8"))), List.of("payment"));
        report.preloaded = new BenchReport.Preloaded(200, 200, new BenchReport.Counted(200, 0, 10),
                new BenchReport.Counted(1000, 0, 20), new BenchReport.Counted(0, 0, 0), 8.0,
                window, 70);
        Path file = dir.resolve("report.json");

        ReportWriter.json(report, file);

        JsonNode json = new ObjectMapper().readTree(file.toFile());
        assertThat(json.path("preloaded").path("transactionsPerSaga").asDouble()).isEqualTo(6.0);
        assertThat(json.path("preloaded").path("batchSizes").path("byService").path("orchestrator")
                .path("orchestrator.replies").path("p99").asText()).isEqualTo("≤ 8");
        assertThat(json.path("preloaded").path("batchSizes").path("unavailable").get(0).asText()).isEqualTo("payment");
        assertThat(json.path("closedLoops").get(0).path("usage").has("batchSizes")).isTrue();
    }
}
