package dev.saga.chaos;

import dev.saga.testbed.LocalPorts;
import dev.saga.testbed.SystemTopology;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * The system under test as separate processes: two orchestrator instances talking to the broker directly,
 * and each participant service in its own launcher JVM, connected to the private broker node through its own
 * {@link TcpProxy} so it can be cut off. On a cluster every service takes every node's address and connects
 * directly: its faults are the nodes'. Ports are chosen once and kept across restarts.
 */
final class Fleet implements AutoCloseable {

    static final String VIEWER = "viewer";
    static final String VIEWER_PASSWORD = "chaos-viewer";
    static final Duration STARTUP = Duration.ofMinutes(4);

    private final Infrastructure infra;
    private final Path logs;
    private final PidFile pids;
    private final List<String> orchestratorSettings;
    private final List<ServiceProcess> orchestrators = new ArrayList<>();
    private final Map<String, ServiceProcess> participants = new LinkedHashMap<>();
    private final Map<String, TcpProxy> proxies = new LinkedHashMap<>();
    private final List<ServiceProcess> variants = new ArrayList<>();
    private boolean closed;

    Fleet(Infrastructure infra, Path logs, PidFile pids, List<String> orchestratorSettings) {
        this.infra = infra;
        this.logs = logs;
        this.pids = pids;
        this.orchestratorSettings = List.copyOf(orchestratorSettings);
        for (int i = 1; i <= 2; i++) {
            orchestrators.add(new ServiceProcess("orchestrator-" + i, SystemTopology.orchestrator().jarIn(infra.repo()),
                    orchestratorArguments(), LocalPorts.free(), logs, pids));
        }
        for (String name : SystemTopology.participantNames()) {
            if (!infra.clustered()) {
                proxies.put(name, new TcpProxy(name, infra.amqpAddresses().get(0).getPort()));
            }
            participants.put(name, participantProcess(name, name, List.of()));
        }
    }

    /** The first orchestrator migrates the schema alone; then everything else starts at once. */
    void startAll() {
        start(orchestrators.get(0));
        orchestrators.get(0).awaitHealthy(STARTUP);
        List<ServiceProcess> rest = Stream.concat(orchestrators.stream().skip(1), participants.values().stream())
                .toList();
        rest.forEach(this::start);
        CompletableFuture.allOf(rest.stream().map(p -> CompletableFuture.runAsync(() -> p.awaitHealthy(STARTUP)))
                .toArray(CompletableFuture[]::new)).join();
    }

    ServiceProcess orchestrator(int index) {
        return orchestrators.get(index);
    }

    List<ServiceProcess> orchestrators() {
        return List.copyOf(orchestrators);
    }

    ServiceProcess participant(String name) {
        return participants.get(name);
    }

    TcpProxy proxy(String participant) {
        return proxies.get(participant);
    }

    /** Where orders can be placed now: the regular order service, or a variant standing in for it. */
    List<String> orderServiceUrls() {
        List<ServiceProcess> candidates = new ArrayList<>(List.of(participants.get("order")));
        synchronized (variants) {
            variants.stream().filter(v -> v.name().startsWith("order-")).forEach(candidates::add);
        }
        return candidates.stream().filter(ServiceProcess::isAlive).map(p -> "http://127.0.0.1:" + p.port())
                .toList();
    }

    /** Starts (after a kill) and waits until healthy. */
    void restart(ServiceProcess service) {
        start(service);
        service.awaitHealthy(STARTUP);
    }

    /**
     * Puts a differently configured instance of a participant in place of the running one: the variant
     * starts, competes for the queue for a moment, then the regular instance stops gracefully.
     */
    ServiceProcess replaceWithVariant(String participant, String label, List<String> extraArguments) {
        ServiceProcess variant = participantProcess(participant, participant + "-" + label, extraArguments);
        synchronized (variants) {
            variants.add(variant);
        }
        start(variant);
        variant.awaitHealthy(STARTUP);
        participants.get(participant).stop();
        return variant;
    }

    /** The regular instance comes back, and the variant stops gracefully. */
    void restoreFrom(String participant, ServiceProcess variant) {
        restart(participants.get(participant));
        variant.stop();
    }

    /** Once the fleet is closing (the run ends or was interrupted), nothing starts again. */
    private synchronized void start(ServiceProcess service) {
        if (closed) {
            throw new IllegalStateException("not starting " + service.name() + ": the run is ending");
        }
        service.start();
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        List<ServiceProcess> all = new ArrayList<>(orchestrators);
        all.addAll(participants.values());
        synchronized (variants) {
            all.addAll(variants);
        }
        CompletableFuture.allOf(all.stream().map(p -> CompletableFuture.runAsync(p::stop))
                .toArray(CompletableFuture[]::new)).join();
        proxies.values().forEach(TcpProxy::close);
    }

    private ServiceProcess participantProcess(String participant, String processName, List<String> extra) {
        List<String> args = new ArrayList<>(List.of("--services=" + participant));
        TcpProxy proxy = proxies.get(participant);
        String broker = proxy == null ? infra.springAddresses() : Infrastructure.HOST + ":" + proxy.port();
        args.addAll(connectionArguments(broker));
        args.addAll(extra);
        return new ServiceProcess(processName, SystemTopology.service(participant).jarIn(infra.repo()), args,
                LocalPorts.free(), logs, pids);
    }

    private List<String> orchestratorArguments() {
        List<String> args = new ArrayList<>(connectionArguments(infra.springAddresses()));
        args.addAll(List.of("--saga.admin.viewer.username=" + VIEWER,
                "--saga.admin.viewer.password=" + VIEWER_PASSWORD,
                "--saga.admin.operator.username=operator", "--saga.admin.operator.password=chaos-operator",
                "--saga.admin.management-url=" + infra.managementUrls().get(0)));
        args.addAll(orchestratorSettings);
        return args;
    }

    private List<String> connectionArguments(String brokerAddresses) {
        return List.of("--saga.database.url=" + infra.databaseUrl(), "--spring.rabbitmq.addresses=" + brokerAddresses,
                "--spring.rabbitmq.virtual-host=" + Infrastructure.VHOST);
    }

    Map<String, TcpProxy> proxies() {
        return proxies;
    }

    Path logs() {
        return logs;
    }
}
