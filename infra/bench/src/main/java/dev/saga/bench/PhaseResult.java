package dev.saga.bench;

import java.util.Map;

/**
 * One measured window. {@code sagasPerSecond} counts sagas that ended (any terminal state) inside the steady
 * window; {@code completedPerSecond} only those that ended {@code COMPLETED}. Durations run from just before
 * {@code POST /orders} to the commit that ended the saga; in an open loop, from the moment the request was due.
 */
record PhaseResult(
        String name,
        String loop,
        int concurrency,
        double offeredPerSecond,
        double windowSeconds,
        double sagasPerSecond,
        double completedPerSecond,
        long ended,
        long compensated,
        long stuckOrFailed,
        long unfinished,
        long requestErrors,
        LatencyStats duration,
        LatencyStats intake,
        Map<String, LatencyStats> steps,
        Measurement.Usage usage,
        PerSaga perSaga) {
}
