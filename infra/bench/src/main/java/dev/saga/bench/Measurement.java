package dev.saga.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the system consumed during a window: CPU per process, database transactions, broker publishes. Taken as
 * a snapshot at the start and the end of the window; the broker's rate comes from its own samples.
 */
final class Measurement {

    /** The counters at one moment. */
    record Snapshot(long epochMillis, CpuSampler.Sample cpu, long transactions, long harnessQueries,
                    CompletableFuture<BatchSizes.Reading> batches) {
    }

    /** What the window cost, per second, and the batch sizes its consumers handled. */
    record Usage(double seconds, Map<String, Double> cores, double transactionsPerSecond, double publishesPerSecond,
                 BatchSizes.Window batchSizes) {
    }

    static final String ORCHESTRATOR = "orchestrator JVM";
    static final String PARTICIPANTS = "participants JVM";
    static final String BROKER = "RabbitMQ (beam.smp)";
    static final String DATABASE = "PostgreSQL (bench backends)";
    static final String DATABASE_ALL = "PostgreSQL (all processes)";
    static final String MACHINE = CpuSampler.MACHINE;

    private final CpuSampler cpu = new CpuSampler();
    private final BenchDatabase database;
    private final RabbitStats rabbit;
    private final Completions completions;
    private final BatchSizes batchSizes;
    /**
     * Reads the services' histograms beside the caller: six HTTP requests would hold up the open loop's
     * schedule at the start of its window, and the late orders would count the harness's delay as latency.
     */
    private final ExecutorService scraper = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "batch-size-scraper");
        thread.setDaemon(true);
        return thread;
    });

    Measurement(BenchDatabase database, RabbitStats rabbit, Completions completions, SystemUnderTest system) {
        this.database = database;
        this.rabbit = rabbit;
        this.completions = completions;
        this.batchSizes = BatchSizes.of(system);
        long postmaster = postmasterPid(database);
        List<Long> beams = brokerPids(system.endpoints());
        cpu.track(ORCHESTRATOR, system::orchestratorPids);
        cpu.track(PARTICIPANTS, system::participantsPids);
        cpu.track(BROKER, () -> beams);
        cpu.track(DATABASE, () -> database.backends().keySet().stream()
                .map(Integer::longValue).toList());
        cpu.track(DATABASE_ALL, () -> postmaster > 0 ? CpuSampler.withChildren(postmaster)
                : List.of());
        cpu.track("bench harness", () -> List.of(ProcessHandle.current().pid()));
    }

    Snapshot snapshot() {
        return new Snapshot(System.currentTimeMillis(), cpu.sample(), database.transactions(), completions.polls(),
                CompletableFuture.supplyAsync(batchSizes::read, scraper));
    }

    /**
     * Usage between two snapshots. The harness's own polls are subtracted from the database's transactions;
     * PostgreSQL publishes its counters about once a second, so short windows are a little uncertain.
     */
    Usage between(Snapshot from, Snapshot to) {
        double seconds = (to.epochMillis() - from.epochMillis()) / 1000.0;
        long harness = to.harnessQueries() - from.harnessQueries();
        double transactions = (to.transactions() - from.transactions() - harness) / seconds;
        double publishes;
        try {
            publishes = rabbit.publishRate(from.epochMillis(), to.epochMillis());
        } catch (RuntimeException e) {
            publishes = Double.NaN;
        }
        return new Usage(seconds, CpuSampler.coresBetween(from.cpu(), to.cpu()), transactions, publishes,
                batchSizes.between(from.batches().join(), to.batches().join()));
    }

    /** Waits until the broker's next statistics sample covers the end of a window. */
    static void awaitBrokerSample() {
        Sleep.millis(6000);
    }

    private static long postmasterPid(BenchDatabase database) {
        try {
            String directory = database.queryString("SHOW data_directory");
            return Long.parseLong(Files.readAllLines(Path.of(directory, "postmaster.pid")).get(0).trim());
        } catch (Exception e) {
            System.err.println("PostgreSQL's process not found (" + e + "); its CPU is not recorded");
            return -1;
        }
    }

    /** The broker's processes: one per node, each found by the AMQP port it listens on. */
    private static List<Long> brokerPids(Endpoints endpoints) {
        return endpoints.amqpPorts().stream().map(Measurement::listenerPid).filter(pid -> pid > 0).toList();
    }

    /** The process listening on the TCP port (the broker), from {@code ss}. */
    static long listenerPid(int port) {
        try {
            String out = Commands.run(List.of("ss", "-Hltnp", "sport = :" + port), Duration.ofSeconds(10));
            Matcher pid = Pattern.compile("pid=(\\d+)").matcher(out);
            return pid.find() ? Long.parseLong(pid.group(1)) : -1;
        } catch (RuntimeException e) {
            System.err.println("The broker's process not found (" + e + "); its CPU is not recorded");
            return -1;
        }
    }
}
