package dev.saga.chaos;

import dev.saga.testbed.SystemTopology;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/** A random mix of the other scenarios' faults, one after another for a set time, drawn from the seed. */
final class Monkey {

    private Monkey() {
    }

    static Scenario scenario(Duration length) {
        return new PlannedScenario("monkey", "a random mix of the faults above for " + length.toSeconds() + " s",
                length, faults -> {
                    Instant end = Instant.now().plus(length);
                    while (Instant.now().isBefore(end)) {
                        faults.pauseBetween(2, 5);
                        faults.pick(moves()).accept(faults);
                    }
                });
    }

    private static List<Consumer<FaultContext>> moves() {
        return List.of(
                f -> Faults.killAndRestart(f, f.fleet().participant(f.pick(SystemTopology.participantNames())), 1, 4),
                f -> Faults.killAndRestart(f, f.pick(f.fleet().orchestrators()), 1, 4),
                Faults::closeAllConnections,
                f -> Faults.brokerRestart(f, 4, 8),
                Faults::databaseRestart,
                f -> Faults.networkCut(f, f.pick(SystemTopology.participantNames()), 8 + f.random().nextInt(8)),
                f -> Faults.duplicateCommands(f, 10),
                f -> {
                    f.poisonEveryQueue("monkey-" + f.random().nextInt(1_000_000));
                    f.cleared("poisoned messages");
                });
    }
}
