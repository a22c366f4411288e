package dev.saga.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The failure-injection scenarios that no system test covers, at a small size, through {@code infra/chaos/run}
 * exactly as an engineer runs it: the exec jars built earlier in this reactor build, the private broker node and
 * database cluster (or the three broker nodes and the replicated database), the services as separate processes;
 * each scenario's verdict is its own test. The others run in the full runs at 500 sagas (docs/failure-injection.md),
 * and their faults each have a system test in CI: participants and orchestrators killed ({@code
 * ProcessCrashSystemIT}, {@code ResilienceSystemIT}), the broker restarted and its connections closed ({@code
 * ResilienceSystemIT}), transient failures ({@code RetryTiersIT}), the leader node killed ({@code
 * BrokerClusterSystemIT}), the primary and the standby lost ({@code DatabaseFailoverSystemIT}).
 */
class ChaosScenariosIT {

    private static final long RUN_MINUTES = 11;

    /** On one node: a participant cut off the broker, the database restarted, a slow participant, redeliveries. */
    static final List<String> PRIVATE_INSTANCES = List.of("network-cut", "db-restart", "slow-participant",
            "duplicates", "poison");

    /** On the cluster: a node partitioned off, and a node lost for good and replaced. */
    static final List<String> CLUSTER = List.of("node-partition", "node-replace");

    @TestFactory
    Stream<DynamicTest> theScenariosNoSystemTestCoversKeepTheInvariants() throws IOException, InterruptedException {
        return run("chaos-report", PRIVATE_INSTANCES, PRIVATE_INSTANCES.size() + 1);
    }

    /** The cluster's nodes lost while parallel groups are open and captures wait out their delay. */
    @TestFactory
    Stream<DynamicTest> theClusterScenariosKeepTheInvariantsOnVersion2() throws IOException, InterruptedException {
        assumeTrue(onPath("jq"), "the cluster scripts need jq");
        List<String> args = new ArrayList<>(CLUSTER);
        args.addAll(List.of("--cluster", "--saga-version", "2"));
        return run("chaos-report-cluster", args, CLUSTER.size() + 1);
    }

    /** Runs {@code infra/chaos/run} with {@code args}; one test for the exit status, one per scenario. */
    private static Stream<DynamicTest> run(String outName, List<String> args, int tests) throws IOException,
            InterruptedException {
        assumeTrue(onPath("rabbitmq-server") && onPath("pg_createcluster"),
                "needs a local RabbitMQ installation and PostgreSQL's pg_createcluster for the private instances");
        Path repo = Path.of(System.getProperty("chaos.repo", "../..")).toAbsolutePath().normalize();
        Path out = Path.of("target", outName).toAbsolutePath();
        Files.createDirectories(out);
        Files.deleteIfExists(out.resolve("latest.json"));
        Path log = out.resolve("run.log");
        List<String> command = new ArrayList<>(List.of(repo.resolve("infra/chaos/run").toString()));
        command.addAll(args);
        // Shorter fault windows and monkey than the defaults keep the whole suite to a few minutes.
        command.addAll(List.of("--sagas", "40", "--seed", "1", "--window-seconds", "10", "--monkey-seconds", "30",
                "--no-build", "--out", out.toString()));
        Process run = new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!run.waitFor(RUN_MINUTES, TimeUnit.MINUTES)) {
            run.destroy();
            run.waitFor(2, TimeUnit.MINUTES);
            throw new AssertionError("infra/chaos/run " + String.join(" ", args) + " did not finish within "
                    + RUN_MINUTES + " minutes; see " + log);
        }
        System.out.println(Files.readString(log));
        int exit = run.exitValue();
        assertThat(exit).as("infra/chaos/run exit status (2: the run could not start); see " + log).isIn(0, 1);
        assertThat(out.resolve("latest.json")).as("the run's report; the run's output is above and in " + log)
                .exists();
        JsonNode report = new ObjectMapper().readTree(out.resolve("latest.json").toFile());
        List<DynamicTest> verdicts = new ArrayList<>();
        verdicts.add(DynamicTest.dynamicTest("exit status says whether every invariant held",
                () -> assertThat(exit == 0).isEqualTo(report.path("passed").asBoolean())));
        for (JsonNode scenario : report.path("scenarios")) {
            verdicts.add(DynamicTest.dynamicTest(scenario.path("scenario").asText(), () -> {
                assertThat(scenario.path("submitted").asInt()).as("orders accepted").isEqualTo(40);
                assertThat(scenario.path("violations")).as("failed invariants").isEmpty();
                assertThat(scenario.path("lost").asLong()).as("lost").isZero();
                assertThat(scenario.path("duplicateEffects").asLong()).as("duplicate effects").isZero();
            }));
        }
        assertThat(verdicts).as("one test per scenario").hasSize(tests);
        return verdicts.stream();
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/sbin", command)) || Files.isExecutable(Path.of("/usr/bin", command));
    }
}
