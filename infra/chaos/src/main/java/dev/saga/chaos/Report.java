package dev.saga.chaos;

import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The run's outcome: a table on stdout, and the same as JSON and Markdown under the output directory. */
final class Report {

    private static final String ROW =
            "%-18s | %9s | %9s | %11s | %5s | %6s | %4s | %11s | %17s | %9s | %8s | %17s | %s%n";

    private final RunOptions options;
    private final Instant started;
    private final List<ScenarioResult> results;

    Report(RunOptions options, Instant started, List<ScenarioResult> results) {
        this.options = options;
        this.started = started;
        this.results = List.copyOf(results);
    }

    boolean passed() {
        return results.stream().allMatch(ScenarioResult::passed);
    }

    String table() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(ROW, "scenario", "submitted", "completed", "compensated", "stuck", "failed", "lost",
                "dup effects", "parked (poisoned)", "deadlines", "recovery", "paused pub/con/db", "result"));
        out.append("-".repeat(18)).append("-+-----------+-----------+-------------+-------+--------+------+")
                .append("-------------+-------------------+-----------+----------+-------------------+-------\n");
        for (ScenarioResult r : results) {
            out.append(String.format(ROW, r.scenario(), r.submitted(), r.completed(), r.compensated(), r.stuck(),
                    r.failed(), r.lost(), r.duplicateEffects(), r.parked() + " (" + r.poisoned() + ")",
                    r.deadlinesFired(),
                    r.recoverySeconds() == null ? "never" : String.format("%.1f s", r.recoverySeconds()),
                    pauses(r), r.passed() ? "PASS" : "FAIL"));
        }
        for (ScenarioResult r : results) {
            for (String violation : r.violations()) {
                out.append(r.scenario()).append(" FAILED ").append(violation).append('\n');
            }
        }
        out.append(String.format("%n%d scenarios, %d passed, seed %d, %d sagas each on order-fulfilment v%d%s%n",
                results.size(), results.stream().filter(ScenarioResult::passed).count(), options.seed(),
                options.sagas(), options.sagaVersion(),
                options.cluster() ? ", on the broker cluster and the replicated database" : ""));
        return out.toString();
    }

    /** Writes {@code chaos-<time>-seed<S>.json} and {@code .md}, and copies them to {@code latest.*}. */
    Path write() throws IOException {
        Files.createDirectories(options.out());
        String name = "chaos-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC)
                .format(started) + "-seed" + options.seed();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("startedAt", started.toString());
        json.put("seed", options.seed());
        json.put("sagasPerScenario", options.sagas());
        json.put("sagaVersion", options.sagaVersion());
        json.put("cluster", options.cluster());
        json.put("passed", passed());
        json.put("scenarios", results);
        String jsonText = Http.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json);
        Path jsonFile = options.out().resolve(name + ".json");
        Files.writeString(jsonFile, jsonText);
        Files.writeString(options.out().resolve("latest.json"), jsonText);
        String markdown = markdown();
        Files.writeString(options.out().resolve(name + ".md"), markdown);
        Files.writeString(options.out().resolve("latest.md"), markdown);
        return jsonFile;
    }

    /** The longest pause of publishing, consuming and committing, in seconds. */
    private static String pauses(ScenarioResult r) {
        AvailabilityProbe.Pauses p = r.longestPauseSeconds();
        return String.format("%.1f / %.1f / %.1f s", p.publishing(), p.consuming(), p.committing());
    }

    private String markdown() {
        StringBuilder md = new StringBuilder("# Chaos run " + started + "\n\n");
        md.append("Seed ").append(options.seed()).append(", ").append(options.sagas())
                .append(" sagas per scenario on order-fulfilment v").append(options.sagaVersion())
                .append(". Reproduce: `infra/chaos/run ").append(String.join(" ", options.scenarios())).append(' ')
                .append(options.reproduce()).append("`\n\n");
        md.append("| scenario | what | submitted | completed | compensated | stuck | failed | lost | duplicate effects"
                + " | parked (poisoned) | deadlines fired | replies ignored | faults | longest recovery"
                + " | longest pause: publish / consume / commit | result |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (ScenarioResult r : results) {
            md.append(String.format("| %s | %s |" + " %d |".repeat(7) + " %d (%d) | %d | %d | %d | %s | %s | %s |%n",
                    r.scenario(), r.description(), r.submitted(), r.completed(), r.compensated(), r.stuck(),
                    r.failed(), r.lost(), r.duplicateEffects(), r.parked(), r.poisoned(), r.deadlinesFired(),
                    r.repliesIgnored(), r.faults(),
                    r.recoverySeconds() == null ? "never" : String.format("%.1f s", r.recoverySeconds()),
                    pauses(r), r.passed() ? "pass" : "**FAIL**"));
        }
        for (ScenarioResult r : results) {
            if (!r.passed()) {
                md.append("\n## ").append(r.scenario()).append(" failed\n\n");
                r.violations().forEach(v -> md.append("- ").append(v.replace("|", "\\|")).append('\n'));
            }
        }
        return md.toString();
    }
}
