package dev.saga.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Cuts what a consumer took at once into the batches its handler gets, in delivery order: runs of fresh
 * messages up to the batch size, and each redelivered message on its own. A redelivery may be the message that
 * crashed the process last time; alone, it cannot take its batch-mates to the queue's delivery limit.
 */
final class Batches {

    private Batches() {
    }

    static <T> List<List<T>> of(List<T> delivered, Predicate<T> alone, int maxSize) {
        List<List<T>> batches = new ArrayList<>();
        List<T> run = new ArrayList<>();
        for (T message : delivered) {
            if (alone.test(message)) {
                if (!run.isEmpty()) {
                    batches.add(run);
                    run = new ArrayList<>();
                }
                batches.add(List.of(message));
            } else {
                run.add(message);
                if (run.size() == maxSize) {
                    batches.add(run);
                    run = new ArrayList<>();
                }
            }
        }
        if (!run.isEmpty()) {
            batches.add(run);
        }
        return batches;
    }
}
