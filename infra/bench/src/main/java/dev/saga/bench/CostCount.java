package dev.saga.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one happy-path saga costs: SQL statements (from the server log, see {@link StatementCount}), database
 * transactions, AMQP publishes per exchange (the broker's counters, read once they settled) and rows written
 * per table. Runs last: it restarts the services so their connections log statements, and it is the only
 * phase that does.
 */
final class CostCount {

    private static final int CONCURRENCY = 8;
    private static final long IDLE_MILLIS = 10_000;

    private final BenchOptions options;
    private final Endpoints endpoints;
    private final BenchDatabase database;
    private final RabbitStats rabbit;
    private final SystemUnderTest system;
    private final OrderClient client;
    private final Completions completions;

    CostCount(BenchOptions options, Endpoints endpoints, BenchDatabase database, RabbitStats rabbit,
              SystemUnderTest system, OrderClient client, Completions completions) {
        this.options = options;
        this.endpoints = endpoints;
        this.database = database;
        this.rabbit = rabbit;
        this.system = system;
        this.client = client;
        this.completions = completions;
    }

    BenchReport.Costs measure(int sagas) throws InterruptedException {
        StatementCount statements = new StatementCount(Path.of(options.pgLog()), endpoints.database());
        boolean logged = statements.available();
        System.out.println("== cost of one saga: " + sagas + " happy-path sagas"
                + (logged ? ", statements logged"
                        : ", (server log " + options.pgLog() + " unreadable: no statement count)"));
        if (logged) {
            database.onServer("ALTER DATABASE " + endpoints.database() + " SET log_statement = 'all'");
        }
        try {
            system.restart();
            Measurement.awaitBrokerSample();
            long idleFrom = logged ? statements.position() : 0;
            Sleep.millis(IDLE_MILLIS);
            long idleTo = logged ? statements.position() : 0;
            Map<String, Long> published = rabbit.publishedByExchange();
            long transactions = database.transactions();
            long polls = completions.polls();
            Map<String, long[]> rows = database.rowWrites();
            BatchSizes batchSizes = BatchSizes.of(system);
            BatchSizes.Reading batchesBefore = batchSizes.read();
            long began = System.nanoTime();
            run(sagas);
            while (database.outboxBacklog() > 0) {
                Sleep.millis(100);
            }
            BatchSizes.Window batches = batchSizes.between(batchesBefore, batchSizes.read());
            Measurement.awaitBrokerSample();
            double seconds = (System.nanoTime() - began) / 1e9;
            long loadTo = logged ? statements.position() : 0;
            Map<Integer, String> services = database.backends();
            Map<String, Double> perSaga = logged ? StatementCount.perSaga(statements.between(idleTo, loadTo, services),
                    statements.between(idleFrom, idleTo, services), IDLE_MILLIS / 1000.0, seconds, sagas) : Map.of();
            Map<String, Double> byService = new LinkedHashMap<>();
            perSaga.forEach((k, v) -> byService.merge(k.substring(0, k.indexOf(' ')), v, Double::sum));
            byService.replaceAll((k, v) -> Math.round(v * 10) / 10.0);
            double statementsPerSaga = byService.values().stream().mapToDouble(Double::doubleValue).sum();
            Map<String, Double> publishes = new LinkedHashMap<>();
            rabbit.publishedByExchange().forEach((exchange, count) -> publishes.put(exchange,
                    Math.round(100.0 * (count - published.getOrDefault(exchange, 0L)) / sagas) / 100.0));
            double publishesPerSaga = publishes.values().stream().mapToDouble(Double::doubleValue).sum();
            double transactionsPerSaga = (database.transactions() - transactions - (completions.polls() - polls))
                    / (double) sagas;
            return new BenchReport.Costs(sagas, Math.round(transactionsPerSaga * 10) / 10.0,
                    Math.round(statementsPerSaga * 10) / 10.0, byService, perSaga, publishesPerSaga, publishes,
                    rowWrites(rows, database.rowWrites(), sagas), batches);
        } finally {
            if (logged) {
                database.onServer("ALTER DATABASE " + endpoints.database() + " RESET log_statement");
            }
        }
    }

    /** Places the orders with a few clients in parallel and waits until every saga ended. */
    private void run(int sagas) throws InterruptedException {
        Workload happy = new Workload(0);
        AtomicLong next = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < CONCURRENCY; i++) {
            Thread thread = new Thread(() -> {
                for (long n = next.getAndIncrement(); n < sagas; n = next.getAndIncrement()) {
                    try {
                        long requested = LoadLoops.epochMicros();
                        completions.watch(client.place(happy.order(1_000_000_000L + n)), requested)
                                .get(120, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        System.err.println("cost count: an order failed: " + e);
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
    }

    private static Map<String, Double> rowWrites(Map<String, long[]> before, Map<String, long[]> after, long sagas) {
        Map<String, Double> perSaga = new LinkedHashMap<>();
        String[] kinds = {"ins", "upd", "del"};
        after.forEach((table, counts) -> {
            long[] was = before.getOrDefault(table, new long[3]);
            for (int i = 0; i < 3; i++) {
                double value = (counts[i] - was[i]) / (double) sagas;
                if (value >= 0.01) {
                    perSaga.put(table + " " + kinds[i], Math.round(value * 100) / 100.0);
                }
            }
        });
        return perSaga;
    }
}
