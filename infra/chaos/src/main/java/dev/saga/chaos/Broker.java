package dev.saga.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The run's queues through the management API: depths, parked messages, purging, and on a cluster which node
 * leads the busiest ones. Asks the nodes in turn, so that one being down or cut off does not blind the runner.
 */
final class Broker {

    private final Http http = new Http(Infrastructure.ADMIN_USER, Infrastructure.ADMIN_PASSWORD);
    private final List<String> managementUrls;

    Broker(Infrastructure infra) {
        this.managementUrls = infra.managementUrls();
    }

    /** Messages per queue of the vhost (ready plus unacknowledged), as the broker's statistics say. */
    Map<String, Long> depths() {
        Map<String, Long> depths = new TreeMap<>();
        for (JsonNode queue : onAnyNode(url -> http.getJson(url + "/api/queues/" + vhost()
                + "?columns=name,messages"))) {
            depths.put(queue.path("name").asText(), queue.path("messages").asLong(0));
        }
        return depths;
    }

    /**
     * The node that leads the queues which delivered the most messages so far (the busiest), by its name; empty
     * when no queue has delivered any yet.
     */
    Optional<String> leaderOfTheBusiestQueues() {
        Map<String, Long> delivered = new TreeMap<>();
        for (JsonNode queue : onAnyNode(url -> http.getJson(url + "/api/queues/" + vhost()
                + "?columns=name,leader,node,message_stats.deliver_get"))) {
            String leader = queue.path("leader").asText(queue.path("node").asText(""));
            long count = queue.path("message_stats").path("deliver_get").asLong(0);
            if (!leader.isEmpty() && count > 0) {
                delivered.merge(leader, count, Long::sum);
            }
        }
        return delivered.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey);
    }

    /** The run's quorum queues with fewer than {@code members} members online, with the count they have. */
    Map<String, Integer> quorumQueuesBelow(int members) {
        Map<String, Integer> below = new TreeMap<>();
        for (JsonNode queue : onAnyNode(url -> http.getJson(url + "/api/queues/" + vhost()
                + "?columns=name,type,online"))) {
            if (queue.path("type").asText().equals("quorum") && queue.path("online").size() < members) {
                below.put(queue.path("name").asText(), queue.path("online").size());
            }
        }
        return below;
    }

    /** One parked message: its id, the runner's poison marker if it carries one, and why it was parked. */
    record Parked(String queue, String messageId, String poisonMarker, String errorClass, String errorMessage) {
    }

    /** Reads up to {@code limit} messages of a parking queue and puts them back. */
    List<Parked> peek(String queue, int limit) {
        JsonNode messages = onAnyNode(url -> Http.json(http.checked("POST", queueUrl(url, queue) + "/get",
                "{\"count\":" + limit + ",\"ackmode\":\"ack_requeue_true\",\"encoding\":\"auto\"}").body()));
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
        onAnyNode(url -> http.checked("DELETE", queueUrl(url, queue) + "/contents", null));
    }

    void deleteQueue(String queue) {
        onAnyNode(url -> http.send("DELETE", queueUrl(url, queue), null));
    }

    /** The first node's answer that came; a node that does not answer, or answers 5xx, passes to the next. */
    private <T> T onAnyNode(Function<String, T> call) {
        RuntimeException last = null;
        for (String url : managementUrls) {
            try {
                return call.apply(url);
            } catch (RuntimeException e) {
                last = e;
            }
        }
        throw last;
    }

    private static String vhost() {
        return encode(Infrastructure.VHOST);
    }

    private static String queueUrl(String managementUrl, String queue) {
        return managementUrl + "/api/queues/" + vhost() + "/" + encode(queue);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
