package dev.saga.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends a run to {@code docs/performance.md}: a dated heading and the run's header, table and summary lines as
 * printed. Only appends: the dated runs above it, and what was written about them, stay as they are.
 */
final class PerformanceLog {

    private PerformanceLog() {
    }

    static void append(Path docs, BenchReport report) throws IOException {
        if (!Files.exists(docs)) {
            throw new IOException(docs + " does not exist; run the bench from the repository's root checkout");
        }
        Files.writeString(docs, section(report), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    static String section(BenchReport report) {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(text, true, StandardCharsets.UTF_8)) {
            ReportWriter.summary(report, out);
        }
        boolean quick = Boolean.TRUE.equals(report.settings.get("quick"));
        return "\n## " + report.startedAt + ": " + (quick ? "quick run" : "full run") + " (appended by infra/bin/bench)"
                + "\n\n```text\n" + text.toString(StandardCharsets.UTF_8).stripTrailing() + "\n```\n";
    }
}
