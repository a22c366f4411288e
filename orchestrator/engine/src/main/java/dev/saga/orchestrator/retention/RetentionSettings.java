package dev.saga.orchestrator.retention;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which finished sagas are removed and how ({@code saga.retention.*}). Off unless {@code enabled=true}: removing
 * history is a decision an operator makes. Only {@code COMPLETED} and {@code COMPENSATED} sagas whose last
 * change is older than {@code maxAge} go; {@code STUCK} and {@code FAILED} sagas wait for an operator and stay.
 * Each batch of at most {@code batchSize} sagas is one short transaction, with {@code pause} between batches,
 * so the job never holds many row locks nor a long transaction while sagas keep running.
 *
 * @param enabled Whether finished sagas are removed at all (off unless set).
 * @param maxAge How long a completed or compensated saga is kept after its last change.
 * @param interval How often the retention job runs.
 * @param batchSize How many sagas one transaction of the job removes at most.
 * @param pause The pause between two batches of the job.
 * @param mode PURGE deletes a finished saga with its timeline, ARCHIVE copies both to the archive tables first.
 */
@ConfigurationProperties("saga.retention")
public record RetentionSettings(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("30d") Duration maxAge,
        @DefaultValue("1h") Duration interval,
        @DefaultValue("500") int batchSize,
        @DefaultValue("50ms") Duration pause,
        @DefaultValue("PURGE") Mode mode) {

    /** What happens to a finished saga past its age. */
    public enum Mode {
        /** Deleted with its timeline. */
        PURGE,
        /** Copied with its timeline into {@code saga_archive} and {@code saga_timeline_archive}, then deleted. */
        ARCHIVE
    }

    public RetentionSettings {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("saga.retention.batch-size must be positive, was " + batchSize);
        }
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("saga.retention.max-age must be positive, was " + maxAge);
        }
    }
}
