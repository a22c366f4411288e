package dev.saga.chaos;

import dev.saga.testbed.SystemTopology;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every scenario by name, in the order {@code all} runs them. */
final class Scenarios {

    /** The orchestrator's step deadline in every run: short, so slow replies make deadlines fire. */
    static final Duration STEP_DEADLINE = Duration.ofSeconds(3);
    /** Longer than the step deadline: the slow participant's originals are still being handled when resent. */
    static final Duration SLOW_DELAY = Duration.ofSeconds(5);
    static final double CUT_SECONDS = 20;

    private Scenarios() {
    }

    /** Every scenario; {@code window} is how long a slow or flaky participant or the duplicating relay lasts. */
    static Map<String, Scenario> all(Duration monkeyLength, Duration window) {
        Map<String, Scenario> all = new LinkedHashMap<>();
        double seconds = window.toMillis() / 1000.0;
        for (Scenario scenario : List.of(killParticipant(), killOrchestrator(), brokerRestart(), brokerConnections(),
                dbRestart(), networkCut(), slowParticipant(seconds), duplicates(seconds), poison(), flaky(seconds),
                Monkey.scenario(monkeyLength))) {
            all.put(scenario.name(), scenario);
        }
        return all;
    }

    static Scenario killParticipant() {
        return new PlannedScenario("kill-participant", "kill -9 each participant in turn, restart after a pause",
                Duration.ofSeconds(55), faults -> {
                    List<String> order = new ArrayList<>(SystemTopology.participantNames());
                    Collections.shuffle(order, faults.random());
                    for (String participant : order) {
                        faults.pauseBetween(2, 4);
                        Faults.killAndRestart(faults, faults.fleet().participant(participant), 2, 5);
                    }
                });
    }

    static Scenario killOrchestrator() {
        return new PlannedScenario("kill-orchestrator", "two orchestrators; kill -9 one, later the other, restart each",
                Duration.ofSeconds(25), faults -> {
                    List<ServiceProcess> order = new ArrayList<>(faults.fleet().orchestrators());
                    Collections.shuffle(order, faults.random());
                    for (ServiceProcess orchestrator : order) {
                        faults.pauseBetween(2, 4);
                        Faults.killAndRestart(faults, orchestrator, 2, 5);
                    }
                });
    }

    static Scenario brokerRestart() {
        return new PlannedScenario("broker-restart", "rabbitmqctl stop_app, start_app mid-stream",
                Duration.ofSeconds(22), faults -> {
                    faults.pauseBetween(3, 5);
                    Faults.brokerRestart(faults, 8, 12);
                });
    }

    static Scenario brokerConnections() {
        return new PlannedScenario("broker-connections", "rabbitmqctl close_all_connections, four times",
                Duration.ofSeconds(22), faults -> {
                    for (int i = 0; i < 4; i++) {
                        faults.pauseBetween(3, 6);
                        Faults.closeAllConnections(faults);
                    }
                });
    }

    static Scenario dbRestart() {
        return new PlannedScenario("db-restart", "restart PostgreSQL (fast shutdown) mid-stream, twice",
                Duration.ofSeconds(15), faults -> {
                    for (int i = 0; i < 2; i++) {
                        faults.pauseBetween(3, 6);
                        Faults.databaseRestart(faults);
                    }
                });
    }

    static Scenario networkCut() {
        return new PlannedScenario("network-cut", "one participant cut off the broker for 20 s by its proxy",
                Duration.ofSeconds(25), faults -> {
                    faults.pauseBetween(2, 4);
                    Faults.networkCut(faults, faults.pick(SystemTopology.commandedParticipantNames()), CUT_SECONDS);
                });
    }

    static Scenario slowParticipant(double window) {
        return new PlannedScenario("slow-participant", "a participant answers after " + SLOW_DELAY.toSeconds()
                + " s, beyond the " + STEP_DEADLINE.toSeconds() + " s step deadline",
                Duration.ofSeconds(15 + Math.round(window)),
                faults -> {
                    faults.pauseBetween(1, 2);
                    Faults.withVariant(faults, faults.pick(List.of("inventory", "payment", "shipping")), "slow",
                            List.of("--saga.faults.delay=" + SLOW_DELAY, "--saga.consumer.concurrency=6"), window);
                });
    }

    static Scenario duplicates(double window) {
        return new PlannedScenario("duplicates", "every command delivered twice (same message id)",
                Duration.ofSeconds(Math.round(window)), faults -> Faults.duplicateCommands(faults, window));
    }

    static Scenario poison() {
        return new PlannedScenario("poison", "malformed and schema-invalid messages in every consuming queue",
                Duration.ofSeconds(10), faults -> {
                    faults.pauseBetween(2, 4);
                    faults.poisonEveryQueue("1");
                    faults.pauseBetween(4, 6);
                    faults.poisonEveryQueue("2");
                    faults.cleared("poisoned messages");
                });
    }

    static Scenario flaky(double window) {
        return new PlannedScenario("flaky", "a participant fails 30 % of deliveries transiently",
                Duration.ofSeconds(15 + Math.round(window)), faults -> {
                    faults.pauseBetween(1, 2);
                    Faults.withVariant(faults, faults.pick(SystemTopology.commandedParticipantNames()), "flaky",
                            List.of("--saga.faults.failure-share=0.3",
                                    "--saga.faults.seed=" + faults.random().nextLong()), window);
                });
    }
}
