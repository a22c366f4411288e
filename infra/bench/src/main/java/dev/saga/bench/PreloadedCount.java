package dev.saga.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Database transactions per saga with a full queue: 200 orders placed while the orchestrator is stopped, so
 * their {@code OrderCreated} events wait in {@code orchestrator.saga-starts}; then the orchestrator starts and
 * the 200 sagas run at once (200 in flight, the admission limit), every consumer finding work waiting. The
 * batch sizes then depend on the queues, not on timing. Counted from {@code pg_stat_database} like the cost
 * count, from just before the orchestrator starts: with batches a preloaded run can end within a second or two,
 * sooner than the management API (whose consumer list lags by its statistics interval) shows the orchestrator
 * subscribed, so counting from there would miss the work. The orchestrator's start-up transactions (its
 * migrations check, its first polls) are therefore counted as the sagas' cost, so the figure errs high. The
 * orchestrator's launch with nothing queued is measured on its own as well, and the figure is also given without
 * it. The harness's own queries are subtracted, and so is the idle
 * background (relay and deadline polls, measured before, with and without the orchestrator) over the
 * seconds the statistics settle after the work: while the work runs, the relays' polls are part of it, and
 * whatever else polls meanwhile is counted as its cost rather than guessed away. The placement (the order
 * service's transactions and its relay) is counted apart and added: a saga's cost includes its order.
 */
final class PreloadedCount {

    static final int SAGAS = 200;
    private static final String START_QUEUE = "orchestrator.saga-starts";
    private static final int PLACING_CLIENTS = 8;
    private static final long IDLE_MILLIS = 5_000;
    /**
     * PostgreSQL 15 flushes a backend's statistics at most once a second, and an idle backend's last ones up to
     * 10 s later: a count read sooner after the work would miss its end.
     */
    private static final long STATISTICS_SETTLE_MILLIS = 11_000;
    private static final long RUN_TIMEOUT_MILLIS = 300_000;
    private static final long START_TIMEOUT_MILLIS = 240_000;

    private final BenchDatabase database;
    private final SystemUnderTest system;
    private final OrderClient client;
    private final Completions completions;
    private final BatchSizes batchSizes;
    private final RabbitStats rabbit;
    private long ownQueries;

    PreloadedCount(BenchDatabase database, RabbitStats rabbit, SystemUnderTest system, OrderClient client,
                   Completions completions) {
        this.database = database;
        this.rabbit = rabbit;
        this.system = system;
        this.client = client;
        this.completions = completions;
        this.batchSizes = BatchSizes.of(system);
    }

    BenchReport.Preloaded measure() throws InterruptedException {
        System.out.printf("== preloaded: %d orders queued with the orchestrator stopped, then it starts%n", SAGAS);
        long began = System.nanoTime();
        Sleep.millis(STATISTICS_SETTLE_MILLIS);
        Counted idleFrom = count();
        Sleep.millis(IDLE_MILLIS);
        Counted idleTo = count();
        double idlePerSecond = idleTo.since(idleFrom) / seconds(idleFrom, idleTo);

        system.stopOrchestrator();
        // Its backends flush their statistics as they exit, a moment after the process did.
        Sleep.millis(1000);
        Counted participantsIdleFrom = count();
        Sleep.millis(IDLE_MILLIS);
        Counted participantsIdleTo = count();
        double participantsIdlePerSecond = participantsIdleTo.since(participantsIdleFrom)
                / seconds(participantsIdleFrom, participantsIdleTo);
        BenchReport.Counted launch = launchWithNothingQueued(idlePerSecond);

        Counted placingFrom = count();
        List<String> orders = place();
        while (outboxBacklog() > 0) {
            Sleep.millis(200);
        }
        long placedMillis = System.currentTimeMillis();
        // Read before the counts settle: a scrape may run a gauge's query, which belongs to no saga.
        BatchSizes.Reading batchesBefore = batchSizes.read();
        Sleep.millis(STATISTICS_SETTLE_MILLIS);
        Counted placingTo = count();

        Counted runFrom = count();
        system.startOrchestrator();
        awaitConsumer(true);
        List<CompletableFuture<Completions.Outcome>> outcomes = new ArrayList<>();
        long requested = LoadLoops.epochMicros();
        orders.forEach(id -> outcomes.add(completions.watch(id, requested)));
        long completed = awaitEnded(outcomes);
        while (outboxBacklog() > 0) {
            Sleep.millis(200);
        }
        long drainedMillis = System.currentTimeMillis();
        Sleep.millis(STATISTICS_SETTLE_MILLIS);
        Counted runTo = count();
        // After the count: the health checks query the database. The consumers are idle by now.
        system.awaitStarted();
        BatchSizes.Window batches = batchSizes.between(batchesBefore, batchSizes.read());
        BenchReport.Preloaded result = new BenchReport.Preloaded(SAGAS, completed,
                new BenchReport.Counted(placingTo.since(placingFrom), participantsIdlePerSecond,
                        (placingTo.epochMillis() - placedMillis) / 1000.0),
                new BenchReport.Counted(runTo.since(runFrom), idlePerSecond,
                        (runTo.epochMillis() - drainedMillis) / 1000.0),
                launch, (drainedMillis - runFrom.epochMillis()) / 1000.0, batches,
                (System.nanoTime() - began) / 1_000_000_000L);
        System.out.println("   " + result.text());
        batches.lines().forEach(line -> System.out.println("     " + line));
        return result;
    }

    /**
     * The orchestrator's launch on its own, with nothing queued, counted as the run below counts it: from just
     * before the launch, through the consumer list's lag, until the statistics settled, less the idle background
     * after it subscribed. The run's figure includes this much that no saga caused.
     */
    private BenchReport.Counted launchWithNothingQueued(double idlePerSecond) throws InterruptedException {
        // The consumer list lags: the stopped orchestrator's consumer must be gone from it, or the wait ends early.
        awaitConsumer(false);
        Counted from = count();
        system.startOrchestrator();
        awaitConsumer(true);
        long subscribedMillis = System.currentTimeMillis();
        Sleep.millis(STATISTICS_SETTLE_MILLIS);
        Counted to = count();
        system.stopOrchestrator();
        Sleep.millis(1000);
        awaitConsumer(false);
        return new BenchReport.Counted(to.since(from), idlePerSecond, (to.epochMillis() - subscribedMillis) / 1000.0);
    }

    /** Waits until the management API shows the orchestrator consuming its start queue, or no longer. */
    private void awaitConsumer(boolean present) {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            try {
                if (rabbit.hasConsumer(START_QUEUE) == present) {
                    return;
                }
            } catch (RuntimeException e) {
                System.err.println("preloaded: consumer list unreadable, retrying: " + e);
            }
            Sleep.millis(100);
        }
        throw new IllegalStateException("The orchestrator did not " + (present ? "subscribe to " : "leave ")
                + START_QUEUE + " within " + START_TIMEOUT_MILLIS / 1000 + " s");
    }

    /** Places the orders with a few clients in parallel; the ids of those the order service accepted. */
    private List<String> place() throws InterruptedException {
        Workload happy = new Workload(0);
        AtomicLong next = new AtomicLong();
        List<String> ids = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < PLACING_CLIENTS; i++) {
            Thread thread = new Thread(() -> {
                for (long n = next.getAndIncrement(); n < SAGAS; n = next.getAndIncrement()) {
                    try {
                        ids.add(client.place(happy.order(2_000_000_000L + n)));
                    } catch (RuntimeException e) {
                        System.err.println("preloaded: an order failed: " + e);
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return ids;
    }

    /** Waits until every saga ended; returns how many completed. */
    private static long awaitEnded(List<CompletableFuture<Completions.Outcome>> outcomes) {
        long deadline = System.currentTimeMillis() + RUN_TIMEOUT_MILLIS;
        long completed = 0;
        for (CompletableFuture<Completions.Outcome> outcome : outcomes) {
            try {
                Completions.Outcome o = outcome.get(Math.max(1, deadline - System.currentTimeMillis()),
                        TimeUnit.MILLISECONDS);
                if (o.status().equals("COMPLETED")) {
                    completed++;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (Exception e) {
                System.err.println("preloaded: a saga did not end: " + e);
            }
        }
        return completed;
    }

    private long outboxBacklog() {
        ownQueries++;
        return database.outboxBacklog();
    }

    /** The bench database's transactions at one moment, with what the harness ran up to it. */
    private record Counted(long epochMillis, long transactions, long harness) {

        long since(Counted before) {
            return transactions - before.transactions - (harness - before.harness);
        }
    }

    private Counted count() {
        long transactions = database.transactions();
        // This read is one transaction of the bench's connection, counted by the next read.
        ownQueries++;
        return new Counted(System.currentTimeMillis(), transactions, ownQueries + completions.polls());
    }

    private static double seconds(Counted from, Counted to) {
        return (to.epochMillis() - from.epochMillis()) / 1000.0;
    }
}
