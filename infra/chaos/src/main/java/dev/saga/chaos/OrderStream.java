package dev.saga.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Submits a scenario's orders across every path, paced to spread over the fault plan, as a customer would:
 * over HTTP to the order service, trying again while the service is down. What it learns is what the order
 * service accepted; orders whose answer was lost are found in the database by the invariant checks.
 */
final class OrderStream {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(3);

    private final Supplier<List<String>> orderServiceUrls;
    private final Random random;
    private final Map<String, OrderPath> accepted = new ConcurrentHashMap<>();
    private final AtomicInteger notAccepted = new AtomicInteger();
    private final CountDownLatch planDone = new CountDownLatch(1);

    OrderStream(Supplier<List<String>> orderServiceUrls, Random random) {
        this.orderServiceUrls = orderServiceUrls;
        this.random = random;
    }

    /** Submits {@code count} orders, one every {@code interval} until the fault plan is over, then the rest. */
    Thread start(int count, Duration interval) {
        Thread thread = new Thread(() -> {
            for (int i = 0; i < count; i++) {
                OrderPath path = OrderPath.pick(random);
                submit(path, path.orderJson(random));
                try {
                    planDone.await(interval.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }, "order-stream");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    void planFinished() {
        planDone.countDown();
    }

    Map<String, OrderPath> accepted() {
        return Map.copyOf(accepted);
    }

    int notAccepted() {
        return notAccepted.get();
    }

    private void submit(OrderPath path, String body) {
        Instant giveUp = Instant.now().plus(GIVE_UP_AFTER);
        while (Instant.now().isBefore(giveUp)) {
            for (String url : orderServiceUrls.get()) {
                if (placed(url + "/orders", path, body)) {
                    return;
                }
            }
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            Pause.seconds(1);
        }
        notAccepted.incrementAndGet();
    }

    private boolean placed(String ordersUrl, OrderPath path, String body) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(ordersUrl))
                    .timeout(Duration.ofSeconds(15)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 201) {
                JsonNode order = Http.json(response.body());
                accepted.put(order.path("orderId").asText(), path);
                return true;
            }
            return false;
        } catch (IOException e) {
            // the order service is down or cut off: a customer would try again shortly
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
