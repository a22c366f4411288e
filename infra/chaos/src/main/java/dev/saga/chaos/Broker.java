package dev.saga.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The private node's queues through its management API: depths, parked messages, purging. */
final class Broker {

    private final Http http = new Http(Infrastructure.ADMIN_USER, Infrastructure.ADMIN_PASSWORD);

    /** Messages per queue of the vhost (ready plus unacknowledged), as the broker's statistics say. */
    Map<String, Long> depths() {
        Map<String, Long> depths = new TreeMap<>();
        for (JsonNode queue : http.getJson(vhostUrl("/api/queues/") + "?columns=name,messages")) {
            depths.put(queue.path("name").asText(), queue.path("messages").asLong(0));
        }
        return depths;
    }

    /** One parked message: its id, the runner's poison marker if it carries one, and why it was parked. */
    record Parked(String queue, String messageId, String poisonMarker, String errorClass, String errorMessage) {
    }

    /** Reads up to {@code limit} messages of a parking queue and puts them back. */
    List<Parked> peek(String queue, int limit) {
        JsonNode messages = Http.json(http.checked("POST", vhostUrl("/api/queues/") + "/" + encode(queue) + "/get",
                "{\"count\":" + limit + ",\"ackmode\":\"ack_requeue_true\",\"encoding\":\"auto\"}").body());
        List<Parked> parked = new ArrayList<>();
        for (JsonNode message : messages) {
            JsonNode props = message.path("properties");
            JsonNode headers = props.path("headers");
            parked.add(new Parked(queue, props.path("message_id").asText(""),
                    headers.path(Poisoner.MARKER).asText(""), headers.path("x-error-class").asText(""),
                    headers.path("x-error-message").asText("")));
        }
        return parked;
    }

    void purge(String queue) {
        http.checked("DELETE", vhostUrl("/api/queues/") + "/" + encode(queue) + "/contents", null);
    }

    void deleteQueue(String queue) {
        http.send("DELETE", vhostUrl("/api/queues/") + "/" + encode(queue), null);
    }

    private static String vhostUrl(String path) {
        return Infrastructure.managementUrl() + path + encode(Infrastructure.VHOST);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
