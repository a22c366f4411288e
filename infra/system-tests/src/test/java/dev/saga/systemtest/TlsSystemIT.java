package dev.saga.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitAdmin;

/**
 * Every connection over TLS, verified against a certificate authority the test makes: the services reach the broker
 * through a Spring Boot SSL bundle ({@code spring.rabbitmq.ssl.bundle}) and the database through the driver's
 * {@code sslmode=verify-full}. The broker is node 4 of {@code infra/cluster/rabbit}, alone with a TLS listener; the
 * database is the pair of {@code infra/cluster/postgres} with TLS turned on.
 */
class TlsSystemIT {

    private static final int TLS_NODE = 4;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path ca;
    private static String vhost;

    @BeforeAll
    static void certificatesAndServices() throws IOException {
        assumeTrue(TestCertificates.available() && ClusterBroker.available() && ReplicatedDatabase.available(),
                "needs openssl, a local RabbitMQ installation and PostgreSQL 15 with pg_createcluster");
        Path dir = Files.createTempDirectory("saga-tls");
        ca = TestCertificates.create(dir);
        vhost = "it_tls_" + UUID.randomUUID().toString().substring(0, 8);
        ClusterBroker.tlsNode(dir, vhost);
        ReplicatedDatabase.up();
        ReplicatedDatabase.tls(dir);
    }

    @Test
    void theServicesTalkToTheBrokerAndTheDatabaseOnlyOverVerifiedTls() throws IOException {
        String database = ReplicatedDatabase.freshDatabase();
        Map<String, String> overTls = Map.ofEntries(
                Map.entry("spring.rabbitmq.host", "127.0.0.1"),
                Map.entry("spring.rabbitmq.port", String.valueOf(ClusterBroker.tlsPort(TLS_NODE))),
                Map.entry("spring.rabbitmq.virtual-host", vhost),
                Map.entry("spring.rabbitmq.username", "guest"), Map.entry("spring.rabbitmq.password", "guest"),
                Map.entry("spring.rabbitmq.ssl.enabled", "true"),
                Map.entry("spring.rabbitmq.ssl.bundle", "saga-broker"),
                Map.entry("spring.ssl.bundle.pem.saga-broker.truststore.certificate", "file:" + ca),
                Map.entry("saga.database.url", ReplicatedDatabase.url(database) + "&sslmode=verify-full&sslrootcert="
                        + ca),
                Map.entry("spring.datasource.username", ReplicatedDatabase.USER),
                Map.entry("spring.datasource.password", ""));
        try (RunningSystem system = RunningSystem.startWith(overTls, TlsSystemIT::call,
                ClusterBroker.managementUrl(TLS_NODE))) {
            Invariants invariants = Invariants.seededFrom(system.database());
            Shop shop = new Shop(system);
            List<UUID> orders = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                orders.add(shop.placeOrderOfMix(i));
            }
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(orders).allSatisfy(order ->
                    assertThat(shop.sagaStatus(order)).isIn("COMPLETED", "COMPENSATED")));

            // The management API lists a new connection a few seconds late.
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                List<JsonNode> connections = new ArrayList<>();
                JSON.readTree(call("GET", "/api/vhosts/" + URLEncoder.encode(vhost, StandardCharsets.UTF_8)
                        + "/connections", null)).forEach(connections::add);
                assertThat(connections).as("the broker connections, one per service at least")
                        .hasSizeGreaterThanOrEqualTo(7).allSatisfy(c -> assertThat(c.path("ssl").asBoolean())
                                .as(c.path("user").asText()).isTrue());
            });
            assertThat(system.database().queryForList("""
                    SELECT a.application_name || ' ' || s.ssl FROM pg_stat_activity a JOIN pg_stat_ssl s USING (pid)
                    WHERE a.datname = current_database()""", String.class))
                    .as("the database connections, each with whether it is TLS").hasSizeGreaterThanOrEqualTo(7)
                    .allSatisfy(line -> assertThat(line).endsWith(" true"));
            invariants.assertAllHold(new RabbitAdmin(system.rabbit()));
        }
    }

    private static String call(String method, String path, String body) {
        try {
            return ClusterBroker.management(TLS_NODE, method, path, body);
        } catch (IOException e) {
            throw new IllegalStateException("The TLS node's management API does not answer", e);
        }
    }
}
