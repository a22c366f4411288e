package dev.saga.orchestrator.deadletter;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.amqp.RabbitProperties;
import org.springframework.boot.test.context.TestComponent;

/** Narrows what the orchestrator's broker user may read in the test's virtual host, as a stricter setup would. */
@TestComponent
class BrokerPermissions {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final RabbitProperties rabbit;
    private final String managementUrl;

    BrokerPermissions(RabbitProperties rabbit, @Value("${saga.admin.management-url}") String managementUrl) {
        this.rabbit = rabbit;
        this.managementUrl = managementUrl;
    }

    /** Full configure and write rights; read only on queues matching {@code readPattern}. */
    void readOnly(String readPattern) {
        String body = "{\"configure\":\".*\",\"write\":\".*\",\"read\":\"" + readPattern.replace("\\", "\\\\")
                + "\"}";
        String login = rabbit.determineUsername() + ":" + rabbit.determinePassword();
        HttpRequest request = HttpRequest.newBuilder(URI.create(managementUrl + "/api/permissions/"
                        + rabbit.determineVirtualHost() + "/" + rabbit.determineUsername()))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        login.getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException("Setting permissions failed: " + response.statusCode() + " "
                        + response.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
