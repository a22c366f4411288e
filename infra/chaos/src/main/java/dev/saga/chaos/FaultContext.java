package dev.saga.chaos;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * What a fault plan works with: the processes, the broker and database, the runner's relays, a
 * random source from the seed, and the recovery clock it tells when a fault is over.
 */
final class FaultContext {

    private final Fleet fleet;
    private final Infrastructure infra;
    private final AmqpConnections amqp;
    private final Broker broker;
    private final Random random;
    private final RecoveryClock clock;
    private final Restorer restorer;
    private final Map<String, Integer> poisoned = new HashMap<>();
    private final Instant began = Instant.now();

    FaultContext(Fleet fleet, Infrastructure infra, AmqpConnections amqp, Broker broker, Random random,
                 RecoveryClock clock, Restorer restorer) {
        this.fleet = fleet;
        this.infra = infra;
        this.amqp = amqp;
        this.broker = broker;
        this.random = random;
        this.clock = clock;
        this.restorer = restorer;
    }

    Fleet fleet() {
        return fleet;
    }

    Infrastructure infra() {
        return infra;
    }

    Broker broker() {
        return broker;
    }

    Random random() {
        return random;
    }

    Restorer restorer() {
        return restorer;
    }

    /** The fault is over; the recovery clock starts for the sagas in flight. */
    void cleared(String what) {
        log("cleared: " + what);
        clock.faultCleared(what);
    }

    void log(String message) {
        System.out.printf("  [%5.1fs] %s%n", Duration.between(began, Instant.now()).toMillis() / 1000.0, message);
    }

    /** Waits between {@code min} and {@code max} seconds, drawn from the seed. */
    void pauseBetween(double min, double max) {
        Pause.seconds(min + random.nextDouble() * (max - min));
    }

    <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    DuplicatingRelay startDuplicating() {
        DuplicatingRelay relay = new DuplicatingRelay(amqp);
        restorer.onRestore("stop the duplicating relay", relay::close);
        return relay;
    }

    /** Poisons every consuming queue once more; the parking queues should then hold exactly these. */
    void poisonEveryQueue(String round) {
        new Poisoner(amqp).poisonEveryQueue(round).forEach((queue, n) -> poisoned.merge(queue, n, Integer::sum));
        log("poisoned every consuming queue (round " + round + ")");
    }

    Map<String, Integer> poisoned() {
        return Map.copyOf(poisoned);
    }
}
