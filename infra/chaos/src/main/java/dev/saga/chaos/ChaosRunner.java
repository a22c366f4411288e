package dev.saga.chaos;

import dev.saga.testbed.SystemTopology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs failure-injection scenarios against the real processes: starts the orchestrator twice and every
 * participant in its own JVM on the private broker and database, or with {@code --cluster} on the broker cluster
 * and the replicated database ({@code infra/chaos/run} prepares them),
 * runs each scenario in turn, prints the report and exits 1 when an invariant failed (2 on bad usage or
 * when the system would not start). Whatever a fault stopped is restored, also when interrupted.
 */
public final class ChaosRunner {

    private ChaosRunner() {
    }

    public static void main(String[] args) {
        Path repo = Path.of(System.getProperty("chaos.repo", ".")).toAbsolutePath().normalize();
        RunOptions options;
        Map<String, Scenario> scenarios;
        try {
            options = RunOptions.parse(args, repo);
            scenarios = options.cluster() ? ClusterScenarios.all()
                    : Scenarios.all(options.monkeyLength(), options.window());
            for (String name : options.scenarios()) {
                if (!name.equals("all") && !scenarios.containsKey(name)) {
                    throw new IllegalArgumentException("unknown scenario " + name + "; choose from "
                            + scenarios.keySet() + " or all" + (options.cluster() ? " (with --cluster)"
                            : " (the cluster scenarios need --cluster)"));
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        System.exit(run(repo, options, scenarios));
    }

    private static int run(Path repo, RunOptions options, Map<String, Scenario> scenarios) {
        Infrastructure infra = new Infrastructure(repo, options.cluster());
        for (Path jar : SystemTopology.services().stream().map(service -> service.jarIn(repo)).distinct().toList()) {
            if (!Files.isRegularFile(jar)) {
                System.err.println(jar + " is missing; build it (infra/chaos/run builds it when missing)");
                return 2;
            }
        }
        Path logs = options.out().resolve("logs");
        Fleet fleet;
        try {
            Files.createDirectories(logs);
            try (var old = Files.newDirectoryStream(logs, "*.log")) {
                for (Path log : old) {
                    Files.delete(log);
                }
            }
            List<String> settings = new ArrayList<>(List.of(
                    "--saga.deadlines.timeout-override=" + Scenarios.STEP_DEADLINE,
                    "--saga.deadlines.attempts-override=30"));
            settings.addAll(options.sagaVersionSettings());
            fleet = new Fleet(infra, logs, new PidFile(Path.of("/var/tmp/saga-chaos/run/service.pids")), settings);
        } catch (java.io.IOException | RuntimeException e) {
            System.err.println("cannot prepare the run: " + e.getMessage());
            return 2;
        }
        Restorer restorer = new Restorer(fleet, infra);
        Thread cleanup = new Thread(() -> {
            restorer.restoreInfrastructure();
            fleet.close();
        }, "chaos-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        Instant started = Instant.now();
        System.out.printf("starting 2 orchestrators and %d participant services, order-fulfilment v%d, on %s"
                        + " (logs in %s)%n", SystemTopology.participants().size(), options.sagaVersion(),
                options.cluster() ? "the cluster " + infra.springAddresses() : "the private broker", logs);
        try {
            fleet.startAll();
        } catch (RuntimeException e) {
            System.err.println("the system did not start: " + e.getMessage());
            return 2;
        }
        System.out.printf("started in %d s%n", java.time.Duration.between(started, Instant.now()).toSeconds());
        ScenarioRun runner = new ScenarioRun(fleet, infra, new AmqpConnections(infra), restorer, options);
        List<ScenarioResult> results = new ArrayList<>();
        List<String> names = options.scenarios().contains("all") ? List.copyOf(scenarios.keySet())
                : options.scenarios();
        List<String> everyName = List.copyOf(scenarios.keySet());
        for (String name : names) {
            // Each scenario's own seed, the same whether it runs alone or within all.
            results.add(runner.run(scenarios.get(name), options.seed() * 1000 + everyName.indexOf(name)));
        }
        Report report = new Report(options, started, results);
        System.out.println();
        System.out.print(report.table());
        try {
            System.out.println("report: " + report.write());
        } catch (java.io.IOException e) {
            System.err.println("cannot write the report: " + e.getMessage());
        }
        return report.passed() ? 0 : 1;
    }
}
