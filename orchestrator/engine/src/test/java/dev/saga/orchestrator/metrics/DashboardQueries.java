package dev.saga.orchestrator.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operator's Grafana dashboard in the repository ({@value #DASHBOARD}), and the metric names its PromQL
 * queries read: what the orchestrator must export for every panel to show something.
 */
final class DashboardQueries {

    static final String DASHBOARD = "infra/observability/grafana/saga-orchestrator.json";

    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");
    private static final Pattern GROUPING = Pattern.compile(
            "\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    /** A whole name that is not called (a function is followed by its parenthesis) nor a number's unit (5m). */
    private static final Pattern NAME = Pattern.compile(
            "(?<![a-zA-Z0-9_:.$])[a-zA-Z_:][a-zA-Z0-9_:]*(?!\\s*\\(|[a-zA-Z0-9_:])");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "inf", "nan");

    private DashboardQueries() {
    }

    /** The dashboard file, found from the working directory up, so the test runs from any module depth. */
    static Path dashboard() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(DASHBOARD))) {
                return dir.resolve(DASHBOARD);
            }
        }
        throw new IllegalStateException(DASHBOARD + " not found above " + Path.of("").toAbsolutePath());
    }

    /** Every PromQL expression of every panel's targets, in panel order. */
    static List<String> expressions(Path dashboard) {
        try {
            List<String> expressions = new ArrayList<>();
            for (JsonNode panel : new ObjectMapper().readTree(dashboard.toFile()).path("panels")) {
                panel.path("targets").forEach(target -> expressions.add(target.path("expr").asText()));
            }
            return expressions;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The metric names an expression selects: what is left once strings, labels, ranges and groupings go. */
    static Set<String> metricNames(String expression) {
        String bare = GROUPING.matcher(RANGE.matcher(MATCHERS.matcher(STRING.matcher(expression).replaceAll("\"\""))
                .replaceAll("")).replaceAll("")).replaceAll("");
        Set<String> names = new TreeSet<>();
        Matcher name = NAME.matcher(bare);
        while (name.find()) {
            if (!KEYWORDS.contains(name.group().toLowerCase(Locale.ROOT))) {
                names.add(name.group());
            }
        }
        return names;
    }
}
