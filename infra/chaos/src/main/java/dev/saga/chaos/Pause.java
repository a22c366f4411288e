package dev.saga.chaos;

import java.time.Duration;

/** Waiting between polls and between fault steps; outcomes are always polled for, never slept for. */
final class Pause {

    private Pause() {
    }

    static void of(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    static void seconds(double seconds) {
        of(Duration.ofMillis(Math.round(seconds * 1000)));
    }
}
