package dev.saga.orchestrator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DashboardQueriesTest {

    @Test
    void findsTheMetricsAnExpressionSelectsAndNotItsFunctionsLabelsOrKeywords() {
        assertThat(DashboardQueries.metricNames("histogram_quantile(0.99, sum by (le, step) "
                + "(rate(saga_step_latency_seconds_bucket{type=\"a{b}\", step!~\"x|y\"}[$__rate_interval])))"))
                .containsExactly("saga_step_latency_seconds_bucket");
        assertThat(DashboardQueries.metricNames("sum(rate(saga_ended_total[5m])) / ignoring (outcome) "
                + "sum(rate(saga_started_total[5m])) or vector(0) > bool 1 unless up offset 5m"))
                .containsExactly("saga_ended_total", "saga_started_total", "up");
    }

    @Test
    void everyQueryOfTheDashboardSelectsAMetric() {
        List<String> expressions = DashboardQueries.expressions(DashboardQueries.dashboard());

        assertThat(expressions).isNotEmpty().allSatisfy(expression ->
                assertThat(DashboardQueries.metricNames(expression)).as(expression).isNotEmpty());
    }
}
