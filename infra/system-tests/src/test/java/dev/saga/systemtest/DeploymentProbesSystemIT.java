package dev.saga.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.saga.testbed.Service;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every HTTP path that {@code infra/deploy} probes a service on answers 200 on the running service: the
 * Kubernetes probes, and the compose health checks. The system runs as on Kubernetes
 * ({@code spring.main.cloud-platform=kubernetes}, which Spring Boot otherwise infers from the variables
 * Kubernetes sets), where Boot serves {@code /actuator/health/liveness} and {@code /readiness}; the other
 * paths answer on any platform.
 */
class DeploymentProbesSystemIT {

    @RegisterExtension
    static final SystemUnderTest SUT = new SystemUnderTest(() ->
            RunningSystem.start("--spring.main.cloud-platform=kubernetes"));

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void everyProbePathOfTheDeploymentFilesAnswersOnTheServiceItProbes() {
        List<DeployedContainer> containers = DeployedContainer.all();
        assertThat(containers).flatExtracting(DeployedContainer::probePaths)
                .contains("/actuator/health/liveness", "/actuator/health/dependencies");
        for (DeployedContainer container : containers) {
            for (Service service : container.services()) {
                for (String path : container.probePaths()) {
                    URI uri = URI.create(SUT.system().urlOf(service.name()) + path);
                    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(status(uri))
                            .as("GET %s, probed by %s on %s", path, container.where(), service.name())
                            .isEqualTo(200));
                }
            }
        }
    }

    @Test
    void aPathNoServiceServesIsNotFound() throws Exception {
        URI uri = URI.create(SUT.system().urlOf("inventory") + "/actuator/health/no-such-group");
        assertThat(status(uri)).isEqualTo(404);
    }

    private static int status(URI uri) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
