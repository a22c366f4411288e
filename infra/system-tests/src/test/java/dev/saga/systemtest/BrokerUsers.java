package dev.saga.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.saga.messaging.testing.RealServices;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * The per-service broker users of {@code infra/rabbitmq/service-users.json}, created with their rights on one
 * test virtual host. Broker users are broker-wide, so each is named after the virtual host
 * ({@code <vhost>_<service>}) and never meets the real ones or another test's; closing deletes them.
 */
final class BrokerUsers implements AutoCloseable {

    static final Path SERVICE_USERS = Path.of("../rabbitmq/service-users.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String vhost;
    private final Management management;
    private final String password = "it-" + UUID.randomUUID();
    private final List<String> services = new ArrayList<>();

    private BrokerUsers(String vhost, Management management) {
        this.vhost = vhost;
        this.management = management;
    }

    /** Creates every user of the file on {@code vhost}, through the management API as the broker's admin. */
    static BrokerUsers create(String vhost) {
        return create(vhost, RealServices::management);
    }

    /** As {@link #create(String)}, on the broker that {@code management} calls, e.g. a cluster's. */
    static BrokerUsers create(String vhost, Management management) {
        BrokerUsers users = new BrokerUsers(vhost, management);
        try {
            for (JsonNode user : JSON.readTree(SERVICE_USERS.toFile()).get("users")) {
                users.add(user);
            }
            return users;
        } catch (IOException | RuntimeException e) {
            users.close();
            throw new IllegalStateException("Cannot create the broker users of " + SERVICE_USERS, e);
        }
    }

    /** The broker user the service logs in as on this virtual host. */
    String userName(String service) {
        if (!services.contains(service)) {
            throw new IllegalArgumentException(SERVICE_USERS + " has no user for '" + service + "'; it has "
                    + services);
        }
        return vhost + "_" + service;
    }

    String password() {
        return password;
    }

    List<String> services() {
        return Collections.unmodifiableList(services);
    }

    @Override
    public void close() {
        for (String service : services) {
            try {
                management.call("DELETE", "/api/users/" + vhost + "_" + service, null);
            } catch (IllegalStateException e) {
                System.err.println("Left test broker user " + vhost + "_" + service + ": " + e.getMessage());
            }
        }
        services.clear();
    }

    private void add(JsonNode user) {
        String service = user.get("name").asText();
        String name = vhost + "_" + service;
        management.call("PUT", "/api/users/" + name, JSON.createObjectNode().put("password", password)
                .put("tags", user.get("tags").asText()).toString());
        services.add(service);
        ObjectNode rights = JSON.createObjectNode();
        for (String right : List.of("configure", "write", "read")) {
            rights.put(right, user.get(right).asText());
        }
        String vhostPath = URLEncoder.encode(vhost, StandardCharsets.UTF_8);
        management.call("PUT", "/api/permissions/" + vhostPath + "/" + name, rights.toString());
        for (JsonNode topic : user.get("topic")) {
            management.call("PUT", "/api/topic-permissions/" + vhostPath + "/" + name, topic.toString());
        }
    }

    /** A call of a broker's management API as its admin: method, path, body (or null); the answer's body. */
    @FunctionalInterface
    interface Management {
        String call(String method, String path, String body);
    }
}
