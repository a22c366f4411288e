package dev.saga.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The batch sizes each consumer handled in a window, from the services' own histograms
 * ({@code saga.consumer.batch.size}, tagged {@code queue}) on their {@code /actuator/prometheus}: read before and
 * after, subtracted. A service that does not answer or has no such metric is listed as unavailable ("n/a"),
 * and the run goes on.
 */
final class BatchSizes {

    /** One consumer's window: batches, messages, mean size, and the bucket bounds of the median and p99. */
    record Consumer(long batches, long messages, Double mean, String p50, String p99) {

        static Consumer of(BatchHistogram window) {
            Double mean = window.mean();
            return new Consumer(Math.round(window.count()), Math.round(window.sum()),
                    mean == null ? null : Math.round(mean * 10) / 10.0, window.quantileBound(0.5),
                    window.quantileBound(0.99));
        }

        String text() {
            return String.format("%d batches, mean %s, p50 %s, p99 %s", batches, mean == null ? "n/a"
                    : String.format("%.1f", mean), p50 == null ? "n/a" : p50, p99 == null ? "n/a" : p99);
        }
    }

    /** Service to queue to its consumer's window; the services without the metric in {@code unavailable}. */
    record Window(Map<String, Map<String, Consumer>> byService, List<String> unavailable) {

        static final Window NONE = new Window(Map.of(), List.of());

        /** One line per service: "orchestrator: orchestrator.replies 120 batches, mean 3.4, p50 ≤ 4, p99 ≤ 16". */
        List<String> lines() {
            List<String> lines = new ArrayList<>();
            byService.forEach((service, consumers) -> lines.add(service + ": " + (consumers.isEmpty()
                    ? "no batches in the window" : consumers.entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue().text()).collect(Collectors.joining("; ")))));
            if (!unavailable.isEmpty()) {
                lines.add("n/a (no " + PrometheusText.BATCH_SIZE + " metric): " + String.join(", ", unavailable));
            }
            return lines;
        }

        /** Every consumer on one line: "orchestrator.replies p50 ≤ 4, p99 ≤ 16; ...", or n/a without any. */
        String summary() {
            String consumers = byService.values().stream().flatMap(c -> c.entrySet().stream())
                    .map(e -> e.getKey() + " p50 " + orNa(e.getValue().p50()) + ", p99 " + orNa(e.getValue().p99())
                            + ", mean " + (e.getValue().mean() == null ? "n/a" : e.getValue().mean()))
                    .collect(Collectors.joining("; "));
            if (consumers.isEmpty()) {
                return "batch sizes n/a";
            }
            return "batch sizes " + consumers
                    + (unavailable.isEmpty() ? "" : "; n/a: " + String.join(", ", unavailable));
        }

        private static String orNa(String bound) {
            return bound == null ? "n/a" : bound;
        }
    }

    /** Every service's histograms at one moment; a service without any is absent. */
    record Reading(Map<String, Map<String, BatchHistogram>> byService) {
    }

    private final Map<String, URI> services;
    private final Map<String, String> authorization;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * @param ports         service name to its HTTP port, in the order the report lists them
     * @param authorization service name to its {@code Authorization} header value, where it needs one
     */
    BatchSizes(Map<String, Integer> ports, Map<String, String> authorization) {
        this.services = new LinkedHashMap<>();
        ports.forEach((service, port) -> services.put(service,
                URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")));
        this.authorization = authorization;
    }

    /**
     * The bench's services, every instance: the orchestrators (as the viewer the bench configures) and the six
     * participants of each launcher.
     */
    static BatchSizes of(SystemUnderTest system) {
        String viewer = "Basic " + Base64.getEncoder().encodeToString((SystemUnderTest.VIEWER_USER + ":"
                + SystemUnderTest.VIEWER_PASSWORD).getBytes(StandardCharsets.UTF_8));
        Map<String, String> authorization = new LinkedHashMap<>();
        system.httpPorts().keySet().stream().filter(name -> name.startsWith("orchestrator"))
                .forEach(name -> authorization.put(name, viewer));
        return new BatchSizes(system.httpPorts(), authorization);
    }

    Reading read() {
        Map<String, Map<String, BatchHistogram>> byService = new LinkedHashMap<>();
        services.forEach((service, uri) -> {
            try {
                String text = scrape(service, uri);
                Map<String, BatchHistogram> histograms = text == null ? Map.of() : PrometheusText.batchSizes(text);
                if (!histograms.isEmpty()) {
                    byService.put(service, histograms);
                }
            } catch (RuntimeException e) {
                // An answer we cannot read is no figure, not a reason to lose the window: n/a for this service.
                System.err.println("batch sizes of " + service + " unreadable: " + e);
            }
        });
        return new Reading(byService);
    }

    /** The window between two readings. */
    Window between(Reading before, Reading after) {
        return window(services.keySet(), before, after);
    }

    static Window window(Iterable<String> services, Reading before, Reading after) {
        Map<String, Map<String, Consumer>> byService = new LinkedHashMap<>();
        List<String> unavailable = new ArrayList<>();
        for (String service : services) {
            Map<String, BatchHistogram> now = after.byService().get(service);
            if (now == null) {
                unavailable.add(service);
                continue;
            }
            Map<String, BatchHistogram> was = before.byService().getOrDefault(service, Map.of());
            Map<String, Consumer> consumers = new LinkedHashMap<>();
            now.forEach((queue, histogram) -> {
                BatchHistogram window = histogram.since(was.get(queue));
                if (window.count() > 0) {
                    consumers.put(queue, Consumer.of(window));
                }
            });
            byService.put(service, consumers);
        }
        return new Window(byService, unavailable);
    }

    private String scrape(String service, URI uri) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET();
        String header = authorization.get(service);
        if (header != null) {
            request.header("Authorization", header);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
