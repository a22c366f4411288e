package dev.saga.bench;

/** Waiting in the harness itself (the load loops), where there is nothing to await but time. */
final class Sleep {

    private Sleep() {
    }

    static void millis(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
