package dev.saga.bench;

import dev.saga.testbed.HealthCheck;
import dev.saga.testbed.HttpPorts;
import dev.saga.testbed.Service;
import dev.saga.testbed.ServiceJvm;
import dev.saga.testbed.SystemTopology;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The orchestrator and the participant services as real processes from their exec jars, on the bench
 * database and vhost, with production settings: full JIT (no {@code TieredStopAtLevel}), G1, the services'
 * own pools, prefetch and confirms. One orchestrator JVM and one participant launcher (all six services in one
 * JVM) unless {@link Instances} asks for more; further instances compete for the same queues, as a scaled-out
 * deployment's do. Every port of the first instance is 10 000 above the service's own, so a running demo
 * (8080-8086) is not in the way, and each further instance's another 100 above; each co-hosted participant takes
 * its port from {@code bench.port.<service>} through a placeholder.
 */
final class SystemUnderTest implements AutoCloseable {

    /** How many orchestrator JVMs and participant launchers run side by side. */
    record Instances(int orchestrators, int participants) {

        static final Instances ONE = new Instances(1, 1);

        Instances {
            if (orchestrators < 1 || participants < 1) {
                throw new IllegalArgumentException("at least one orchestrator and one participant instance, got "
                        + orchestrators + " and " + participants);
            }
        }
    }

    static final String VIEWER_USER = "viewer";
    static final String VIEWER_PASSWORD = "bench-viewer";
    private static final int INSTANCE_PORT_STEP = 100;
    private static final Duration STARTUP = Duration.ofSeconds(240);

    private final BenchOptions options;
    private final Endpoints endpoints;
    private final Instances instances;
    private final List<ServiceJvm> orchestrators = new ArrayList<>();
    private final List<ServiceJvm> participants = new ArrayList<>();
    private Map<String, String> orchestratorOverrides = Map.of();
    private int starts;

    SystemUnderTest(BenchOptions options, Endpoints endpoints) {
        this(options, endpoints, Instances.ONE);
    }

    SystemUnderTest(BenchOptions options, Endpoints endpoints, Instances instances) {
        this.options = options;
        this.endpoints = endpoints;
        this.instances = instances;
    }

    /** Instance {@code index} (from 0) of every service: its ports. */
    static HttpPorts ports(int index) {
        return HttpPorts.shiftedBy(10_000 + index * INSTANCE_PORT_STEP);
    }

    /** How the report names instance {@code index} of a service: the first by its name, further ones "name#2". */
    static String instanceName(String service, int index) {
        return index == 0 ? service : service + "#" + (index + 1);
    }

    /** The index {@link #instanceName} made the name from. */
    static int instanceIndex(String instanceName) {
        int hash = instanceName.lastIndexOf('#');
        return hash < 0 ? 0 : Integer.parseInt(instanceName.substring(hash + 1)) - 1;
    }

    void start() {
        starts++;
        launchOrchestrators();
        for (int i = 0; i < instances.participants(); i++) {
            HttpPorts ports = ports(i);
            ServiceArguments participantArgs = common().set("server.port", "${bench.port.${spring.application.name}}");
            for (Service participant : SystemTopology.participants()) {
                participantArgs.set("bench.port." + participant.name(), String.valueOf(ports.of(participant)));
            }
            // The launcher passes every argument to each of its services.
            participants.add(launch(instanceName("participants", i), options.launcherJar(), "-Xms768m", "-Xmx768m",
                    participantArgs.setAll(options.participantProperties()).toArgs()));
        }
        awaitHealthy();
    }

    private void launchOrchestrators() {
        for (int i = 0; i < instances.orchestrators(); i++) {
            orchestrators.add(launch(instanceName("orchestrator", i), options.orchestratorJar(), "-Xms512m",
                    "-Xmx512m", common()
                            .set("server.port", String.valueOf(ports(i).of(SystemTopology.orchestrator())))
                            .set("saga.admin.viewer.username", VIEWER_USER)
                            .set("saga.admin.viewer.password", VIEWER_PASSWORD)
                            .set("saga.admin.operator.username", "operator")
                            .set("saga.admin.operator.password", "bench-operator")
                            // The bench reads /actuator/prometheus as the viewer at every window's edges; with the
                            // default 30 s a 60 s window would pay a bcrypt check (~100 ms of the orchestrator's
                            // CPU) each time. The first read, in the unrecorded JIT warm-up, pays it once.
                            .set("saga.admin.credential-cache.ttl", "24h")
                            .setAll(options.orchestratorProperties()).setAll(orchestratorOverrides).toArgs()));
        }
    }

    /** Restarts the orchestrators alone with {@code overrides} on top of their settings; waits until they are up. */
    void restartOrchestrator(Map<String, String> overrides) {
        stopOrchestrator();
        orchestratorOverrides = Map.copyOf(overrides);
        startOrchestrator();
        awaitHealthy();
    }

    /** Stops the orchestrators alone: what the participants publish to them waits in their queues meanwhile. */
    void stopOrchestrator() {
        ServiceJvm.stopAll(orchestrators);
        orchestrators.clear();
    }

    /** Starts the orchestrators again (after {@link #stopOrchestrator()}), without waiting for them. */
    void startOrchestrator() {
        starts++;
        launchOrchestrators();
    }

    /** Waits until every service answers its health check. */
    void awaitStarted() {
        awaitHealthy();
    }

    /**
     * Instance name to its HTTP port: the orchestrators, then the six participants of each launcher, as they run
     * here; with one instance of each, the service names alone.
     */
    Map<String, Integer> httpPorts() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        String orchestrator = SystemTopology.orchestrator().name();
        for (int i = 0; i < instances.orchestrators(); i++) {
            ports.put(instanceName(orchestrator, i), ports(i).of(orchestrator));
        }
        for (int i = 0; i < instances.participants(); i++) {
            for (Service participant : SystemTopology.participants()) {
                ports.put(instanceName(participant.name(), i), ports(i).of(participant));
            }
        }
        return ports;
    }

    /** The order service's port in each launcher, where orders are placed. */
    List<Integer> orderPorts() {
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < instances.participants(); i++) {
            ports.add(ports(i).of("order"));
        }
        return ports;
    }

    Instances instances() {
        return instances;
    }

    Endpoints endpoints() {
        return endpoints;
    }

    private ServiceArguments common() {
        return new ServiceArguments()
                .set("saga.database.url", endpoints.serviceDatabaseUrl())
                .set("spring.rabbitmq.addresses", endpoints.amqpAddresses())
                .set("spring.rabbitmq.virtual-host", endpoints.vhost())
                // Lets pg_stat_activity (and the statement count) tell the services' connections apart.
                .set("spring.datasource.hikari.data-source-properties.ApplicationName", "${spring.application.name}");
    }

    void restart() {
        stop();
        start();
    }

    List<Long> orchestratorPids() {
        return orchestrators.stream().map(ServiceJvm::pid).toList();
    }

    List<Long> participantsPids() {
        return participants.stream().map(ServiceJvm::pid).toList();
    }

    /**
     * Starts a flight recording with the JDK's {@code profile} settings (10 ms execution samples) in the first
     * orchestrator and the first launcher.
     */
    void startRecording() {
        jcmd(orchestrators.get(0).pid(), "JFR.start", "name=bench", "settings=profile");
        jcmd(participants.get(0).pid(), "JFR.start", "name=bench", "settings=profile");
    }

    /** Stops the recordings and returns the two files, orchestrator first. */
    List<Path> stopRecording() {
        Path o = options.runDir().resolve("orchestrator.jfr").toAbsolutePath();
        Path p = options.runDir().resolve("participants.jfr").toAbsolutePath();
        jcmd(orchestrators.get(0).pid(), "JFR.stop", "name=bench", "filename=" + o);
        jcmd(participants.get(0).pid(), "JFR.stop", "name=bench", "filename=" + p);
        return List.of(o, p);
    }

    void stop() {
        List<ServiceJvm> all = new ArrayList<>(orchestrators);
        all.addAll(participants);
        ServiceJvm.stopAll(all);
        orchestrators.clear();
        participants.clear();
    }

    @Override
    public void close() {
        stop();
    }

    private ServiceJvm launch(String name, Path jar, String xms, String xmx, List<String> args) {
        // Each shape of the scale-out sweep keeps its own logs: "2x1-orchestrator#2.log".
        String shape = instances.equals(Instances.ONE) ? "" : instances.orchestrators() + "x" + instances.participants()
                + "-";
        Path log = options.runDir().resolve(shape + name + (starts > 1 ? "-" + starts : "") + ".log");
        ServiceJvm jvm = new ServiceJvm(name, ServiceJvm.javaCommand(List.of(xms, xmx, "-XX:+UseG1GC"),
                List.of("-jar", jar.toString()), args), log, ServiceJvm.Log.REPLACE);
        jvm.start();
        return jvm;
    }

    private void awaitHealthy() {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        List<Integer> ports = new ArrayList<>(httpPorts().values());
        while (System.nanoTime() < deadline) {
            if (orchestrators.stream().anyMatch(jvm -> !jvm.isAlive())
                    || participants.stream().anyMatch(jvm -> !jvm.isAlive())) {
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
