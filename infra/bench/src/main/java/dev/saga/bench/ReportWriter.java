package dev.saga.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The run's report three ways: a table on stdout, {@code report.json}, and a latency/throughput chart. */
final class ReportWriter {

    private static final int TOP_STATEMENTS = 15;

    private ReportWriter() {
    }

    static void json(BenchReport report, Path file) throws IOException {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), report);
    }

    /** The run's header: when, where, and the service properties it ran with. */
    static void header(BenchReport report, PrintStream out) {
        out.println("== saga benchmark (" + report.startedAt + ", " + report.machine + ") — provisional figures");
        out.println("   arguments: " + orNone(String.valueOf(report.settings.getOrDefault("arguments", ""))));
        out.println("   orchestrator properties: " + properties(report.settings.get("orchestratorProperties")));
        out.println("   participant properties: " + properties(report.settings.get("participantProperties")));
    }

    static void table(BenchReport report, PrintStream out) {
        out.println();
        summary(report, out);
        if (report.costs != null) {
            BenchReport.Costs c = report.costs;
            out.printf("per saga (happy path, %d sagas): %.1f SQL statements, %.1f transactions, %.1f AMQP publishes%n",
                    c.sagas(), c.statementsPerSaga(), c.transactionsPerSaga(), c.publishesPerSaga());
            out.println("  statements by service: " + c.statementsByService());
            out.println("  publishes by exchange: " + c.publishesByExchange());
            if (!c.statements().isEmpty()) {
                out.println("  top statements per saga, by service and shape:");
                c.topStatements(TOP_STATEMENTS).forEach(e -> out.printf("    %6.2f  %s%n", e.getValue(), e.getKey()));
            }
            if (c.batchSizes() != null) {
                out.println("  batch sizes per consumer:");
                c.batchSizes().lines().forEach(line -> out.println("    " + line));
            }
        }
        batchSizes(report, out);
        if (report.profile != null) {
            profile("orchestrator", report.profile.orchestrator(), out);
            profile("participants", report.profile.participants(), out);
        }
        out.println("targets (for later):");
        report.targets.forEach((k, v) -> out.println("  " + k + ": " + v));
        report.notes.forEach(n -> out.println("note: " + n));
    }

    /** The header, one row per phase, and the summary lines: what {@code --append-to-docs} keeps of a run. */
    static void summary(BenchReport report, PrintStream out) {
        header(report, out);
        out.printf("%-22s %5s %8s %8s %8s %9s | %8s %8s %8s %8s %8s | %7s %7s | %-50s | %s%n", "phase", "C",
                "offered", "sagas/s", "complt/s", "per-pg-tx", "p50 ms", "p95 ms", "p99 ms", "max ms", "intake50",
                "tx/s", "pub/s", "cores: orch / parts / rabbit / pg(bench) / machine",
                "CPU ms/saga: all = orch + parts + rabbit + pg(bench)");
        for (List<PhaseResult> group : List.of(report.closedLoops, report.openLoops, report.growthLoops)) {
            group.forEach(p -> row(p, out));
        }
        if (report.profile != null) {
            row(report.profile.load(), out);
        }
        if (report.version2 != null) {
            row(report.version2, out);
        }
        out.printf("%nmax sustained: %.1f sagas/s (median of repeats, C=%d", report.maxSagasPerSecond,
                report.bestConcurrency);
        if (report.sweep.size() > 1) {
            out.print(", the best level of the sweep " + report.sweep.stream()
                    .map(l -> String.valueOf(l.concurrency())).collect(Collectors.joining(", ")));
        }
        out.print(")");
        if (!Double.isNaN(report.growthMaxSagasPerSecond)) {
            out.printf("; with %,d finished sagas in the tables: %.1f sagas/s (%.0f %%)", report.historySagas,
                    report.growthMaxSagasPerSecond, 100 * report.growthMaxSagasPerSecond / report.maxSagasPerSecond);
        }
        out.println();
        if (report.sweep.size() > 1) {
            out.println("closed-loop sweep, the median repeat of each level:");
            report.sweep.forEach(l -> out.printf("  C=%d: %.1f sagas/s, %s completed per pgbench tx, %s CPU ms/saga"
                            + " (%s)%n", l.concurrency(), l.sagasPerSecond(), l.perSaga().normalisedText(),
                    millis(l.perSaga().cpuMillis()), l.medianRepeat()));
        }
        PerSaga max = report.atMaximum;
        out.printf("at the maximum (C=%d, median repeat): %s completed sagas per pgbench transaction%s;"
                        + " CPU %s ms per completed saga: orchestrator %s, participants %s, broker %s, database %s"
                        + " (all PostgreSQL processes %s)%n", report.bestConcurrency, max.normalisedText(),
                report.ceilings == null ? " (ceilings skipped)"
                        : String.format(" (pgbench -N %.0f tps)", report.ceilings.pgTransactionsPerSecond()),
                millis(max.cpuMillis()), millis(max.cpuMillisOf(Measurement.ORCHESTRATOR)),
                millis(max.cpuMillisOf(Measurement.PARTICIPANTS)), millis(max.cpuMillisOf(Measurement.BROKER)),
                millis(max.cpuMillisOf(Measurement.DATABASE)), millis(max.cpuMillisOf(Measurement.DATABASE_ALL)));
        PhaseResult maximum = report.closedLoops.stream().filter(p -> p.name().equals(report.sweep.stream()
                .filter(l -> l.concurrency() == report.bestConcurrency).map(ClosedLoopSweep.Level::medianRepeat)
                .findFirst().orElse(null))).findFirst().orElse(null);
        if (maximum != null && maximum.usage().batchSizes() != null) {
            out.println("at the maximum, " + maximum.usage().batchSizes().summary());
        }
        if (report.preloaded != null) {
            out.println(report.preloaded.text() + ", " + report.preloaded.batchSizes().summary());
        }
        versionComparison(report, out);
        if (report.ceilings != null) {
            out.printf("ceilings: RabbitMQ PerfTest %.0f msg/s published (%.0f consumed); pgbench -N %.0f tps%n",
                    report.ceilings.brokerPublishesPerSecond(), report.ceilings.brokerDeliveriesPerSecond(),
                    report.ceilings.pgTransactionsPerSecond());
        }
        report.shareOfCeilings.forEach((k, v) -> out.println("  " + k + ": " + v));
    }

    /** v2's p50 at 10/s beside v1's, and by how much the parallel group shortened it. */
    private static void versionComparison(BenchReport report, PrintStream out) {
        PhaseResult v1 = report.openLoops.stream().filter(p -> p.offeredPerSecond() == 10.0).findFirst()
                .orElse(null);
        PhaseResult v2 = report.version2;
        if (v1 == null || v2 == null) {
            return;
        }
        double p50v1 = v1.duration().p50();
        double p50v2 = v2.duration().p50();
        out.printf("order-fulfilment at 10/s: v2 p50 %.0f ms, v1 p50 %.0f ms (v2 %s by %.0f ms, %.0f %%); p99 v2 %.0f,"
                        + " v1 %.0f ms%n", p50v2, p50v1, p50v2 <= p50v1 ? "shorter" : "longer",
                Math.abs(p50v1 - p50v2), 100 * Math.abs(p50v1 - p50v2) / p50v1, v2.duration().p99(),
                v1.duration().p99());
    }

    /** Each window's batch sizes per consumer (closed, open, growth and profile windows). */
    private static void batchSizes(BenchReport report, PrintStream out) {
        List<PhaseResult> phases = new java.util.ArrayList<>();
        for (List<PhaseResult> group : List.of(report.closedLoops, report.openLoops, report.growthLoops)) {
            phases.addAll(group);
        }
        if (report.profile != null) {
            phases.add(report.profile.load());
        }
        if (report.version2 != null) {
            phases.add(report.version2);
        }
        if (phases.isEmpty()) {
            return;
        }
        out.println("batch sizes per consumer and window (batches, mean size, p50 and p99 as bucket bounds):");
        for (PhaseResult p : phases) {
            BatchSizes.Window window = p.usage().batchSizes();
            List<String> lines = window == null ? List.of() : window.lines();
            out.println("  " + p.name() + (lines.isEmpty() ? ": n/a" : ":"));
            lines.forEach(line -> out.println("    " + line));
        }
    }

    private static void row(PhaseResult p, PrintStream out) {
        Map<String, Double> cores = p.usage().cores();
        PerSaga perSaga = p.perSaga();
        out.printf("%-22s %5s %8s %8.1f %8.1f %9s | %8.1f %8.1f %8.1f %8.1f %8.1f | %7.0f %7.0f |"
                        + " %-50s | %s = %s + %s + %s + %s%n", p.name(),
                p.concurrency() > 0 ? String.valueOf(p.concurrency()) : "-",
                Double.isNaN(p.offeredPerSecond()) ? "-" : String.format("%.1f", p.offeredPerSecond()),
                p.sagasPerSecond(), p.completedPerSecond(), perSaga.normalisedText(), p.duration().p50(),
                p.duration().p95(), p.duration().p99(), p.duration().max(), p.intake().p50(),
                p.usage().transactionsPerSecond(), p.usage().publishesPerSecond(),
                String.format("%.2f / %.2f / %.2f / %.2f / %.2f",
                        cores.getOrDefault(Measurement.ORCHESTRATOR, Double.NaN),
                        cores.getOrDefault(Measurement.PARTICIPANTS, Double.NaN),
                        cores.getOrDefault(Measurement.BROKER, Double.NaN),
                        cores.getOrDefault(Measurement.DATABASE, Double.NaN),
                        cores.getOrDefault(Measurement.MACHINE, Double.NaN)),
                millis(perSaga.cpuMillis()), millis(perSaga.cpuMillisOf(Measurement.ORCHESTRATOR)),
                millis(perSaga.cpuMillisOf(Measurement.PARTICIPANTS)), millis(perSaga.cpuMillisOf(Measurement.BROKER)),
                millis(perSaga.cpuMillisOf(Measurement.DATABASE)));
        if (p.unfinished() > 0 || p.requestErrors() > 0 || p.stuckOrFailed() > 0) {
            out.printf("%-22s   unfinished %d, request errors %d, stuck/failed %d%n", "", p.unfinished(),
                    p.requestErrors(), p.stuckOrFailed());
        }
    }

    /** Milliseconds to one decimal, or {@code n/a} when there is no figure. */
    static String millis(Double value) {
        return value == null || value.isNaN() ? "n/a" : String.format("%.1f", value);
    }

    private static String properties(Object properties) {
        if (!(properties instanceof Map<?, ?> map) || map.isEmpty()) {
            return "(none: the services' defaults)";
        }
        return map.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }

    private static String orNone(String text) {
        return text.isBlank() ? "(none)" : text;
    }

    private static void profile(String name, JfrSummary.Summary s, PrintStream out) {
        if (s == null) {
            return;
        }
        out.println("profile " + name + " (" + s.cpuSamples() + " CPU samples), % of samples:");
        out.println("  hot methods:   " + first(s.hotMethods(), 8));
        out.println("  by library:    " + first(s.byLibrary(), 8));
        out.println("  our frames:    " + first(s.byOwnFrame(), 8));
        out.println("  allocations:   " + first(s.allocationSites(), 6));
    }

    private static String first(Map<String, Double> shares, int n) {
        StringBuilder text = new StringBuilder();
        shares.entrySet().stream().limit(n).forEach(e -> text.append(e.getKey().replaceAll("^.*\\.([^.]+\\.[^.]+)$",
                "$1")).append(' ').append(e.getValue()).append("; "));
        return text.toString();
    }

    /**
     * p50 and p99 saga duration against load: each open-loop rate at its offered rate (so an overloaded rate
     * stays where it was asked for), each closed-loop repeat at the throughput it achieved.
     */
    static void chart(BenchReport report, Path file) throws IOException {
        XYSeries p50 = new XYSeries("open loop p50", false);
        XYSeries p99 = new XYSeries("open loop p99", false);
        XYSeries closed = new XYSeries("closed loop p99 (maximum throughput)");
        for (PhaseResult p : report.openLoops) {
            if (p.duration().count() > 0) {
                p50.add(p.offeredPerSecond(), p.duration().p50());
                p99.add(p.offeredPerSecond(), p.duration().p99());
            }
        }
        for (PhaseResult p : report.closedLoops) {
            if (p.duration().count() > 0) {
                closed.add(p.sagasPerSecond(), p.duration().p99());
            }
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(p50);
        data.addSeries(p99);
        data.addSeries(closed);
        LogarithmicAxis latency = new LogarithmicAxis("saga duration, ms (log scale)");
        latency.setStrictValuesFlag(false);
        latency.setExpTickLabelsFlag(false);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        renderer.setSeriesLinesVisible(2, false);
        for (int i = 0; i < 3; i++) {
            renderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        renderer.setSeriesPaint(0, new Color(0x1f77b4));
        renderer.setSeriesPaint(1, new Color(0xd62728));
        renderer.setSeriesPaint(2, new Color(0x555555));
        XYPlot plot = new XYPlot(data, new NumberAxis(
                "sagas per second (open loop: offered rate; closed loop: achieved)"), latency, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart("Saga duration against load (" + report.startedAt + ")",
                JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, 960, 560);
    }
}
