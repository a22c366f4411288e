package dev.saga.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Places orders with {@code POST /orders} on the order service, as a shop front would; with several order
 * service instances, on each in turn, as a load balancer in front of them would.
 */
final class OrderClient implements AutoCloseable {

    private static final Pattern ORDER_ID = Pattern.compile("\"orderId\"\\s*:\\s*\"([^\"]+)\"");

    private final List<URI> orders;
    private final AtomicInteger next = new AtomicInteger();
    private final ExecutorService executor = Executors.newFixedThreadPool(8, runnable -> {
        Thread thread = new Thread(runnable, "order-client");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).executor(executor).build();

    OrderClient(List<Integer> ports) {
        this.orders = ports.stream().map(port -> URI.create("http://127.0.0.1:" + port + "/orders")).toList();
    }

    /** Places the order and returns its id; throws when the order service does not accept it. */
    String place(String body) {
        HttpRequest request = request(body);
        try {
            return orderId(http.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new IllegalStateException("POST " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted placing an order", e);
        }
    }

    CompletableFuture<String> placeAsync(String body) {
        return http.sendAsync(request(body), HttpResponse.BodyHandlers.ofString()).thenApply(OrderClient::orderId);
    }

    private HttpRequest request(String body) {
        URI target = orders.get(Math.floorMod(next.getAndIncrement(), orders.size()));
        return HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(30))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static String orderId(HttpResponse<String> response) {
        Matcher id = ORDER_ID.matcher(response.body());
        if (response.statusCode() != 201 || !id.find()) {
            throw new IllegalStateException("Order refused: HTTP " + response.statusCode() + " " + response.body());
        }
        return id.group(1);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
