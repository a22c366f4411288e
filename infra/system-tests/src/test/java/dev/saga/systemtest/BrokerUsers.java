package dev.saga.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.saga.messaging.testing.RealServices;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
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
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final String vhost;
    private final String adminLogin;
    private final String password = "it-" + UUID.randomUUID();
    private final List<String> services = new ArrayList<>();

    private BrokerUsers(String vhost, String adminUser, String adminPassword) {
        this.vhost = vhost;
        this.adminLogin = adminUser + ":" + adminPassword;
    }

    /** Creates every user of the file on {@code vhost}, through the management API as the broker's admin. */
    static BrokerUsers create(String vhost, String adminUser, String adminPassword) {
        BrokerUsers users = new BrokerUsers(vhost, adminUser, adminPassword);
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
                management("DELETE", "/api/users/" + vhost + "_" + service, null);
            } catch (IllegalStateException e) {
                System.err.println("Left test broker user " + vhost + "_" + service + ": " + e.getMessage());
            }
        }
        services.clear();
    }

    private void add(JsonNode user) {
        String service = user.get("name").asText();
        String name = vhost + "_" + service;
        management("PUT", "/api/users/" + name, JSON.createObjectNode().put("password", password)
                .put("tags", user.get("tags").asText()).toString());
        services.add(service);
        ObjectNode rights = JSON.createObjectNode();
        for (String right : List.of("configure", "write", "read")) {
            rights.put(right, user.get(right).asText());
        }
        String vhostPath = URLEncoder.encode(vhost, StandardCharsets.UTF_8);
        management("PUT", "/api/permissions/" + vhostPath + "/" + name, rights.toString());
        for (JsonNode topic : user.get("topic")) {
            management("PUT", "/api/topic-permissions/" + vhostPath + "/" + name, topic.toString());
        }
    }

    private void management(String method, String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(RealServices.managementUrl() + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        adminLogin.getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(method + " " + path + " -> " + response.statusCode() + " "
                        + response.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
