package dev.saga.orchestrator.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * How far the outbox lags: rows waiting to be published and the age of the oldest, as gauges
 * ({@code saga.outbox.backlog}, {@code saga.outbox.oldest.age}) and as the {@code outbox} health component,
 * which is DOWN while the oldest row is older than {@code saga.outbox.max-lag} (a broker that refuses, or no
 * relay running).
 */
@Component("outboxHealthIndicator")
public class OutboxLag implements MeterBinder, HealthIndicator {

    private final JdbcTemplate jdbc;
    private final Duration maxLag;

    public OutboxLag(JdbcTemplate jdbc, @Value("${saga.outbox.max-lag:60s}") Duration maxLag) {
        this.jdbc = jdbc;
        this.maxLag = maxLag;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("saga.outbox.backlog", this, lag -> lag.read().rows())
                .description("messages committed but not yet confirmed by the broker").register(registry);
        Gauge.builder("saga.outbox.oldest.age", this, lag -> lag.read().oldestSeconds()).baseUnit("seconds")
                .description("age of the oldest message waiting in the outbox").register(registry);
    }

    @Override
    public Health health() {
        Backlog backlog = read();
        Health.Builder health = backlog.oldestSeconds() > maxLag.toSeconds() ? Health.down() : Health.up();
        return health.withDetail("backlog", backlog.rows()).withDetail("oldestSeconds", backlog.oldestSeconds())
                .withDetail("maxLagSeconds", maxLag.toSeconds()).build();
    }

    private Backlog read() {
        return jdbc.queryForObject("""
                SELECT count(*), coalesce(extract(epoch FROM now() - min(created_at)), 0) FROM outbox""",
                (rs, i) -> new Backlog(rs.getLong(1), rs.getDouble(2)));
    }

    private record Backlog(long rows, double oldestSeconds) {
    }
}
