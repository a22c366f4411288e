package dev.saga.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The orchestrator's admin API with the viewer login, as an operator would read it: how many sagas of a
 * scenario ended how. Asks whichever orchestrator instance answers.
 */
final class AdminApi {

    static final List<String> STATUSES = List.of("RUNNING", "COMPENSATING", "COMPLETED", "COMPENSATED", "STUCK",
            "FAILED");

    private final Fleet fleet;
    private final Http http = new Http(Fleet.VIEWER, Fleet.VIEWER_PASSWORD);

    AdminApi(Fleet fleet) {
        this.fleet = fleet;
    }

    /** Sagas created since {@code from}, by status ({@code GET /api/sagas?status=…&createdFrom=…}). */
    Map<String, Long> countsByStatus(Instant from) {
        Map<String, Long> counts = new TreeMap<>();
        for (String status : STATUSES) {
            JsonNode page = get("/api/sagas?type=order-fulfilment&size=1&status=" + status + "&createdFrom=" + from);
            counts.put(status, page.path("page").path("totalItems").asLong());
        }
        return counts;
    }

    private JsonNode get(String path) {
        IllegalStateException last = null;
        for (ServiceProcess orchestrator : fleet.orchestrators()) {
            try {
                HttpResponse<String> response = http.send("GET", "http://127.0.0.1:" + orchestrator.port() + path,
                        null);
                if (response.statusCode() == 200) {
                    return Http.json(response.body());
                }
                last = new IllegalStateException("GET " + path + " -> " + response.statusCode() + " "
                        + response.body());
            } catch (IllegalStateException e) {
                last = e;
            }
        }
        throw last == null ? new IllegalStateException("no orchestrator") : last;
    }
}
