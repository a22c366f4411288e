package dev.saga.bench;

import dev.saga.testbed.HealthCheck;
import dev.saga.testbed.HttpPorts;
import dev.saga.testbed.Service;
import dev.saga.testbed.ServiceJvm;
import dev.saga.testbed.SystemTopology;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The orchestrator and the participant services as two real processes from their exec jars, on the bench
 * database and vhost, with production settings: full JIT (no {@code TieredStopAtLevel}), G1, the services'
 * own pools, prefetch and confirms. Every port is 10 000 above the service's own, so a running demo (8080-8086)
 * is not in the way; each co-hosted participant takes its port from {@code bench.port.<service>} through a
 * placeholder.
 */
final class SystemUnderTest implements AutoCloseable {

    static final HttpPorts PORTS = HttpPorts.shiftedBy(10_000);
    static final int ORDER_PORT = PORTS.of("order");
    static final String VIEWER_USER = "viewer";
    static final String VIEWER_PASSWORD = "bench-viewer";
    private static final Duration STARTUP = Duration.ofSeconds(240);

    private final BenchOptions options;
    private final Endpoints endpoints;
    private ServiceJvm orchestrator;
    private ServiceJvm participants;
    private Map<String, String> orchestratorOverrides = Map.of();
    private int starts;

    SystemUnderTest(BenchOptions options, Endpoints endpoints) {
        this.options = options;
        this.endpoints = endpoints;
    }

    void start() {
        starts++;
        launchOrchestrator();
        ServiceArguments participantArgs = common().set("server.port", "${bench.port.${spring.application.name}}");
        for (Service participant : SystemTopology.participants()) {
            participantArgs.set("bench.port." + participant.name(), String.valueOf(PORTS.of(participant)));
        }
        // The launcher passes every argument to each of its services.
        participants = launch("participants", options.launcherJar(), "-Xms768m", "-Xmx768m",
                participantArgs.setAll(options.participantProperties()).toArgs());
        awaitHealthy();
    }

    private void launchOrchestrator() {
        orchestrator = launch("orchestrator", options.orchestratorJar(), "-Xms512m", "-Xmx512m",
                common().set("server.port", String.valueOf(PORTS.of(SystemTopology.orchestrator())))
                        .set("saga.admin.viewer.username", VIEWER_USER)
                        .set("saga.admin.viewer.password", VIEWER_PASSWORD)
                        .set("saga.admin.operator.username", "operator")
                        .set("saga.admin.operator.password", "bench-operator")
                        // The bench reads /actuator/prometheus as the viewer at every window's edges; with the
                        // default 30 s a 60 s window would pay a bcrypt check (~100 ms of the orchestrator's
                        // CPU) each time. The first read, in the unrecorded JIT warm-up, pays it once.
                        .set("saga.admin.credential-cache.ttl", "24h")
                        .setAll(options.orchestratorProperties()).setAll(orchestratorOverrides).toArgs());
    }

    /** Restarts the orchestrator alone with {@code overrides} on top of its settings, and waits until it is up. */
    void restartOrchestrator(Map<String, String> overrides) {
        stopOrchestrator();
        orchestratorOverrides = Map.copyOf(overrides);
        startOrchestrator();
        awaitHealthy();
    }

    /** Stops the orchestrator alone: what the participants publish to it waits in its queues meanwhile. */
    void stopOrchestrator() {
        stop(orchestrator);
    }

    /** Starts the orchestrator again (after {@link #stopOrchestrator()}), without waiting for it. */
    void startOrchestrator() {
        starts++;
        launchOrchestrator();
    }

    /** Waits until every service answers its health check. */
    void awaitStarted() {
        awaitHealthy();
    }

    /** Service name to its HTTP port: the orchestrator, then the six participants, as they run here. */
    Map<String, Integer> httpPorts() {
        return PORTS.byService();
    }

    private ServiceArguments common() {
        return new ServiceArguments()
                .set("saga.database.url", endpoints.jdbcBase() + endpoints.database())
                .set("spring.rabbitmq.host", endpoints.amqpHost())
                .set("spring.rabbitmq.port", String.valueOf(endpoints.amqpPort()))
                .set("spring.rabbitmq.virtual-host", endpoints.vhost())
                // Lets pg_stat_activity (and the statement count) tell the services' connections apart.
                .set("spring.datasource.hikari.data-source-properties.ApplicationName", "${spring.application.name}");
    }

    void restart() {
        stop();
        start();
    }

    long orchestratorPid() {
        return orchestrator.pid();
    }

    long participantsPid() {
        return participants.pid();
    }

    /** Starts a flight recording with the JDK's {@code profile} settings (10 ms execution samples). */
    void startRecording() {
        jcmd(orchestrator.pid(), "JFR.start", "name=bench", "settings=profile");
        jcmd(participants.pid(), "JFR.start", "name=bench", "settings=profile");
    }

    /** Stops the recordings and returns the two files, orchestrator first. */
    List<Path> stopRecording() {
        Path o = options.runDir().resolve("orchestrator.jfr").toAbsolutePath();
        Path p = options.runDir().resolve("participants.jfr").toAbsolutePath();
        jcmd(orchestrator.pid(), "JFR.stop", "name=bench", "filename=" + o);
        jcmd(participants.pid(), "JFR.stop", "name=bench", "filename=" + p);
        return List.of(o, p);
    }

    void stop() {
        stop(orchestrator, participants);
    }

    private static void stop(ServiceJvm... jvms) {
        ServiceJvm.stopAll(Arrays.stream(jvms).filter(Objects::nonNull).toList());
    }

    @Override
    public void close() {
        stop();
    }

    private ServiceJvm launch(String name, Path jar, String xms, String xmx, List<String> args) {
        Path log = options.runDir().resolve(name + (starts > 1 ? "-" + starts : "") + ".log");
        ServiceJvm jvm = new ServiceJvm(name, ServiceJvm.javaCommand(List.of(xms, xmx, "-XX:+UseG1GC"),
                List.of("-jar", jar.toString()), args), log, ServiceJvm.Log.REPLACE);
        jvm.start();
        return jvm;
    }

    private void awaitHealthy() {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        List<Integer> ports = new ArrayList<>(PORTS.byService().values());
        while (System.nanoTime() < deadline) {
            if (!orchestrator.isAlive() || !participants.isAlive()) {
                throw new IllegalStateException("A service process exited during start-up; see the logs in "
                        + options.runDir());
            }
            ports.removeIf(HealthCheck::isUp);
            if (ports.isEmpty()) {
                return;
            }
            Sleep.millis(500);
        }
        throw new IllegalStateException("Not healthy within " + STARTUP + " on ports " + ports + "; see the logs in "
                + options.runDir());
    }

    private static void jcmd(long pid, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd")
                .toString(), String.valueOf(pid)));
        command.addAll(List.of(args));
        Commands.run(command, Duration.ofSeconds(60));
    }
}
