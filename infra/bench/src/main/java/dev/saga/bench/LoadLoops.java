package dev.saga.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The two ways of loading the system. Closed loop: C clients, each placing an order and waiting for its saga
 * to end before placing the next, so C sagas are in flight and throughput is whatever the system sustains.
 * Open loop: orders due at a fixed rate whatever happens, so latency shows what a given load costs (a request
 * that could not be sent on time still counts from when it was due).
 */
final class LoadLoops {

    private static final Duration SAGA_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration DRAIN = Duration.ofSeconds(300);

    private final OrderClient client;
    private final Completions completions;
    private final Workload workload;
    private final Measurement measurement;
    private final BenchDatabase database;
    private final double pgbenchTps;
    private final AtomicLong sequence = new AtomicLong();

    /** {@code pgbenchTps}: the run's database ceiling, each window's sagas are divided by (NaN: not measured). */
    LoadLoops(OrderClient client, Completions completions, Workload workload, Measurement measurement,
              BenchDatabase database, double pgbenchTps) {
        this.client = client;
        this.completions = completions;
        this.workload = workload;
        this.measurement = measurement;
        this.database = database;
        this.pgbenchTps = pgbenchTps;
    }

    PhaseResult closed(String name, int concurrency, Duration warmup, Duration window) {
        long began = System.currentTimeMillis();
        long windowStart = began + warmup.toMillis();
        long windowEnd = windowStart + window.toMillis();
        List<Completions.Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
        AtomicLong errors = new AtomicLong();
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            Thread thread = new Thread(() -> {
                while (System.currentTimeMillis() < windowEnd) {
                    try {
                        long requested = epochMicros();
                        String id = client.place(workload.order(sequence.getAndIncrement()));
                        outcomes.add(completions.watch(id, requested).get(SAGA_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    } catch (Exception e) {
                        errors.incrementAndGet();
                        Sleep.millis(200);
                    }
                }
            }, "closed-loop-" + i);
            thread.start();
            clients.add(thread);
        }
        Sleep.millis(windowStart - System.currentTimeMillis());
        Measurement.Snapshot from = measurement.snapshot();
        Sleep.millis(windowEnd - System.currentTimeMillis());
        Measurement.Snapshot to = measurement.snapshot();
        for (Thread thread : clients) {
            join(thread);
        }
        Measurement.awaitBrokerSample();
        List<Completions.Outcome> inWindow = outcomes.stream()
                .filter(o -> o.endedMicros() >= windowStart * 1000 && o.endedMicros() < windowEnd * 1000).toList();
        return result(name, "closed", concurrency, Double.NaN, window, inWindow, inWindow, 0, errors.get(),
                measurement.between(from, to));
    }

    PhaseResult open(String name, double rate, Duration warmup, Duration window) {
        long baseNanos = System.nanoTime() + 100_000_000L;
        long baseMicros = epochMicros() + 100_000L;
        long windowStartNanos = baseNanos + warmup.toNanos();
        long windowEndNanos = windowStartNanos + window.toNanos();
        double interval = 1e9 / rate;
        List<CompletableFuture<Completions.Outcome>> measured = new ArrayList<>();
        List<CompletableFuture<Completions.Outcome>> all = new ArrayList<>();
        AtomicLong errors = new AtomicLong();
        Measurement.Snapshot from = null;
        for (long n = 0; ; n++) {
            long due = baseNanos + (long) (n * interval);
            if (due >= windowEndNanos) {
                break;
            }
            if (from == null && due >= windowStartNanos) {
                from = measurement.snapshot();
            }
            LockSupport.parkNanos(due - System.nanoTime());
            long requested = baseMicros + (due - baseNanos) / 1000;
            CompletableFuture<Completions.Outcome> outcome = client.placeAsync(workload.order(sequence
                    .getAndIncrement())).thenCompose(id -> completions.watch(id, requested));
            outcome.exceptionally(e -> {
                errors.incrementAndGet();
                return null;
            });
            all.add(outcome);
            if (due >= windowStartNanos) {
                measured.add(outcome);
            }
        }
        LockSupport.parkNanos(windowEndNanos - System.nanoTime());
        Measurement.Snapshot to = measurement.snapshot();
        long windowStartMicros = baseMicros + (windowStartNanos - baseNanos) / 1000;
        long windowEndMicros = baseMicros + (windowEndNanos - baseNanos) / 1000;
        List<Completions.Outcome> finished = awaitAll(measured);
        List<Completions.Outcome> endedInWindow = awaitAll(all).stream()
                .filter(o -> o.endedMicros() >= windowStartMicros && o.endedMicros() < windowEndMicros).toList();
        Measurement.awaitBrokerSample();
        return result(name, "open", 0, rate, window, endedInWindow, finished, measured.size() - finished.size(),
                errors.get(), measurement.between(from, to));
    }

    /** Waits (at most a while) for every saga in flight, so one phase does not leave load for the next. */
    void drain() {
        long deadline = System.nanoTime() + DRAIN.toNanos();
        while ((completions.inFlight() > 0 || database.outboxBacklog() > 0) && System.nanoTime() < deadline) {
            Sleep.millis(200);
        }
        database.vacuum();
        Sleep.millis(1000);
    }

    private PhaseResult result(String name, String loop, int concurrency, double offered, Duration window,
                               List<Completions.Outcome> endedInWindow, List<Completions.Outcome> latencySample,
                               long unfinished, long errors, Measurement.Usage usage) {
        double seconds = window.toMillis() / 1000.0;
        long completed = endedInWindow.stream().filter(o -> o.status().equals("COMPLETED")).count();
        long compensated = latencySample.stream().filter(o -> o.status().equals("COMPENSATED")).count();
        long stuck = latencySample.stream().filter(o -> o.status().equals("STUCK") || o.status().equals("FAILED"))
                .count();
        List<String> ids = latencySample.stream().map(Completions.Outcome::orderId).toList();
        return new PhaseResult(name, loop, concurrency, offered, seconds, endedInWindow.size() / seconds,
                completed / seconds, endedInWindow.size(), compensated, stuck, unfinished, errors,
                LatencyStats.of(latencySample.stream().map(Completions.Outcome::durationMillis).toList()),
                LatencyStats.of(latencySample.stream().map(Completions.Outcome::intakeMillis).toList()),
                ids.isEmpty() ? java.util.Map.of() : database.stepLatencies(ids), usage,
                PerSaga.of(completed / seconds, usage.cores(), pgbenchTps));
    }

    private static List<Completions.Outcome> awaitAll(List<CompletableFuture<Completions.Outcome>> outcomes) {
        long deadline = System.nanoTime() + DRAIN.toNanos();
        List<Completions.Outcome> finished = new ArrayList<>();
        for (CompletableFuture<Completions.Outcome> outcome : outcomes) {
            try {
                Completions.Outcome o = outcome.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (o != null) {
                    finished.add(o);
                }
            } catch (TimeoutException e) {
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (Exception e) {
                continue;
            }
        }
        return finished;
    }

    private static void join(Thread thread) {
        try {
            thread.join(SAGA_TIMEOUT.toMillis() + 5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static long epochMicros() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
    }
}
