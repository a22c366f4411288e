package dev.saga.messaging.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.saga.messaging.Topology;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.containers.RabbitMQContainer;

/**
 * Real PostgreSQL and RabbitMQ for tests: containers where a Docker engine answers, the local services
 * (127.0.0.1:5432 and :5672 with the management API on :15672) otherwise. Each call to {@link #isolated()}
 * gets a database and a virtual host of its own, dropped by a later run once idle, so tests never see each
 * other's queues or rows.
 */
public final class RealServices {

    /** HTTP/1.1: the management API drops a request that asks to upgrade to HTTP/2. */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final int MANAGEMENT_ATTEMPTS = 5;
    private static final String KEEPER_PREFIX = "keeps ";
    private static final AtomicBoolean LEFTOVERS_DROPPED = new AtomicBoolean();
    /**
     * One idle connection to each database and virtual host this JVM created, until they are released: another
     * test run drops every test database and virtual host nobody is connected to, and fresh ones wait a few
     * seconds for their services to connect.
     */
    private static final Map<String, List<AutoCloseable>> KEEPERS = new ConcurrentHashMap<>();
    private static final Endpoints ENDPOINTS = DockerProbe.available() ? fromContainers() : local();

    private RealServices() {
    }

    /**
     * A fresh database and virtual host, as Spring properties for every service of the system. The virtual host
     * has the shared saga exchanges, as setup creates them for a real one (the services only check for them).
     */
    public static Map<String, String> isolated() {
        return isolatedWithout();
    }

    /** As {@link #isolated()}, but the virtual host lacks the given saga exchanges: a setup that did not run. */
    public static Map<String, String> isolatedWithout(String... missingExchanges) {
        if (LEFTOVERS_DROPPED.compareAndSet(false, true)) {
            dropLeftovers();
        }
        String name = "it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        createDatabase(name);
        keepDatabase(name);
        createKeptVirtualHost(name);
        declareExchanges(name, List.of(missingExchanges));
        Map<String, String> props = new LinkedHashMap<>();
        props.put("saga.database.url", ENDPOINTS.jdbcBase() + name);
        props.put("spring.datasource.username", ENDPOINTS.dbUser());
        props.put("spring.datasource.password", ENDPOINTS.dbPassword());
        props.put("spring.rabbitmq.host", ENDPOINTS.amqpHost());
        props.put("spring.rabbitmq.port", String.valueOf(ENDPOINTS.amqpPort()));
        props.put("spring.rabbitmq.username", ENDPOINTS.amqpUser());
        props.put("spring.rabbitmq.password", ENDPOINTS.amqpPassword());
        props.put("spring.rabbitmq.virtual-host", name);
        return props;
    }

    /**
     * Deletes the virtual host of properties from {@link #isolated()} once nothing uses it any more, so a long
     * test run does not pile up queues on the broker (each quorum queue holds files open). The database stays
     * for a look afterwards; a later run drops it.
     */
    public static void release(Map<String, String> props) {
        String vhost = props.get("spring.rabbitmq.virtual-host");
        for (AutoCloseable keeper : KEEPERS.getOrDefault(vhost, List.of())) {
            try {
                keeper.close();
            } catch (Exception e) {
                System.err.println("Could not close a connection kept to " + vhost + ": " + e.getMessage());
            }
        }
        KEEPERS.remove(vhost);
        try {
            management("DELETE", "/api/vhosts/" + vhost, null);
        } catch (IllegalStateException e) {
            System.err.println("Left test virtual host " + vhost + ": " + e.getMessage());
        }
    }

    /**
     * Registers a fresh {@link #isolated()} database and virtual host from a test's
     * {@code @DynamicPropertySource} method, so every service test wires real services the same way.
     */
    public static void register(DynamicPropertyRegistry registry) {
        isolated().forEach((key, value) -> registry.add(key, () -> value));
    }

    /** The properties as command-line style arguments, e.g. for {@code SpringApplicationBuilder.run(args)}. */
    public static String[] asArguments(Map<String, String> props) {
        return props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }

    public static String managementUrl() {
        return ENDPOINTS.managementUrl();
    }

    private static void createDatabase(String name) {
        admin("CREATE DATABASE " + name);
    }

    private static void keepDatabase(String database) {
        try {
            keep(database, DriverManager.getConnection(ENDPOINTS.jdbcBase() + database, ENDPOINTS.dbUser(),
                    ENDPOINTS.dbPassword()));
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + ENDPOINTS.jdbcBase() + " refused a connection to "
                    + database, e);
        }
    }

    /**
     * Creates the virtual host and holds a connection to it, then waits until the management API lists that
     * connection: until then another run sees the virtual host unused and may delete it, in which case it is
     * created again.
     */
    private static void createKeptVirtualHost(String vhost) {
        for (int attempt = 1; attempt <= MANAGEMENT_ATTEMPTS; attempt++) {
            createVirtualHost(vhost);
            keepVirtualHost(vhost);
            long until = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (System.nanoTime() < until) {
                try {
                    if (!json(management("GET", "/api/vhosts/" + vhost + "/connections", null)).isEmpty()) {
                        return;
                    }
                } catch (IllegalStateException deleted) {
                    break;
                }
                pause(Duration.ofMillis(200));
            }
        }
        throw new IllegalStateException("Virtual host " + vhost + " kept disappearing while it was created");
    }

    private static void keepVirtualHost(String vhost) {
        com.rabbitmq.client.ConnectionFactory factory = new com.rabbitmq.client.ConnectionFactory();
        factory.setHost(ENDPOINTS.amqpHost());
        factory.setPort(ENDPOINTS.amqpPort());
        factory.setUsername(ENDPOINTS.amqpUser());
        factory.setPassword(ENDPOINTS.amqpPassword());
        factory.setVirtualHost(vhost);
        try {
            keep(vhost, factory.newConnection(KEEPER_PREFIX + vhost));
        } catch (java.io.IOException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("RabbitMQ refused a connection to virtual host " + vhost, e);
        }
    }

    /**
     * Whether a connection the management API lists is the one kept open to hold a test's virtual host, not one
     * of the services': tests that close the services' connections leave it alone and do not count it.
     */
    public static boolean isKeeper(JsonNode connection) {
        return connection.path("client_properties").path("connection_name").asText().startsWith(KEEPER_PREFIX);
    }

    private static void keep(String name, AutoCloseable connection) {
        KEEPERS.computeIfAbsent(name, n -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(connection);
    }

    private static void createVirtualHost(String name) {
        management("PUT", "/api/vhosts/" + name, "{}");
        management("PUT", "/api/permissions/" + name + "/" + ENDPOINTS.amqpUser(),
                "{\"configure\":\".*\",\"write\":\".*\",\"read\":\".*\"}");
    }

    private static void declareExchanges(String vhost, List<String> missing) {
        for (String exchange : Topology.EXCHANGES) {
            if (!missing.contains(exchange)) {
                management("PUT", "/api/exchanges/" + vhost + "/" + exchange,
                        "{\"type\":\"topic\",\"durable\":true,\"auto_delete\":false,\"internal\":false}");
            }
        }
    }

    /**
     * Drops the databases and virtual hosts that earlier test runs left and nobody uses any more. Not at exit:
     * dropping them under contexts that are still closing makes those contexts hang on reconnects.
     */
    private static void dropLeftovers() {
        List<String> idle = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(ENDPOINTS.jdbcBase() + "postgres", ENDPOINTS.dbUser(),
                ENDPOINTS.dbPassword()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT datname FROM pg_database d WHERE datname LIKE 'it\\_%'"
                     + " AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.datname = d.datname)")) {
            while (rs.next()) {
                idle.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + ENDPOINTS.jdbcBase() + " cannot list databases", e);
        }
        for (String database : idle) {
            try {
                admin("DROP DATABASE IF EXISTS " + database);
            } catch (IllegalStateException e) {
                System.err.println("Left test database " + database + ": " + e.getMessage());
            }
        }
        for (JsonNode vhost : json(management("GET", "/api/vhosts", null))) {
            String name = vhost.path("name").asText();
            try {
                if (name.startsWith("it_") && json(management("GET", "/api/vhosts/" + name + "/connections", null))
                        .isEmpty()) {
                    management("DELETE", "/api/vhosts/" + name, null);
                }
            } catch (IllegalStateException e) {
                // another test run released or dropped it meanwhile
                System.err.println("Left test virtual host " + name + ": " + e.getMessage());
            }
        }
    }

    private static JsonNode json(String body) {
        try {
            return new ObjectMapper().readTree(body);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Unreadable management API answer: " + body, e);
        }
    }

    private static void admin(String sql) {
        try (Connection c = DriverManager.getConnection(ENDPOINTS.jdbcBase() + "postgres", ENDPOINTS.dbUser(),
                ENDPOINTS.dbPassword()); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + ENDPOINTS.jdbcBase() + " refused: " + sql, e);
        }
    }

    /** Calls the management API as the broker's admin user; fails on any answer but 2xx. */
    public static String management(String method, String path, String body) {
        String auth = ENDPOINTS.amqpUser() + ":" + ENDPOINTS.amqpPassword();
        HttpRequest request = HttpRequest.newBuilder(URI.create(ENDPOINTS.managementUrl() + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        auth.getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = sendWithRetry(request);
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " -> " + response.statusCode() + " "
                    + response.body());
        }
        return response.body();
    }

    /**
     * Sends a management API request, retrying a few times on I/O errors: after a broker restart the client's
     * kept-alive connection is dead, and the first request on it fails although the API answers again.
     */
    private static HttpResponse<String> sendWithRetry(HttpRequest request) {
        java.io.IOException last = null;
        for (int attempt = 1; attempt <= MANAGEMENT_ATTEMPTS; attempt++) {
            try {
                return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (java.io.IOException e) {
                last = e;
                pause(Duration.ofSeconds(attempt));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("RabbitMQ management API at " + ENDPOINTS.managementUrl()
                + " is not reachable; enable it with 'rabbitmq-plugins enable rabbitmq_management'", last);
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Endpoints local() {
        return new Endpoints("jdbc:postgresql://127.0.0.1:5432/", "postgres", "", "127.0.0.1", 5672, "guest", "guest",
                "http://127.0.0.1:15672");
    }

    @SuppressWarnings("resource")
    private static Endpoints fromContainers() {
        PostgreSQLContainer<?> postgres = new PostgreSQLContainer<>("postgres:15-alpine");
        RabbitMQContainer rabbit = new RabbitMQContainer("rabbitmq:3.13-management");
        postgres.start();
        rabbit.start();
        return new Endpoints("jdbc:postgresql://" + postgres.getHost() + ":" + postgres.getMappedPort(5432) + "/",
                postgres.getUsername(), postgres.getPassword(), rabbit.getHost(), rabbit.getAmqpPort(),
                rabbit.getAdminUsername(), rabbit.getAdminPassword(), rabbit.getHttpUrl());
    }

    private record Endpoints(String jdbcBase, String dbUser, String dbPassword, String amqpHost, int amqpPort,
                             String amqpUser, String amqpPassword, String managementUrl) {
    }

    /** Asks Testcontainers whether a Docker engine answers; any failure means no. */
    private static final class DockerProbe {
        static boolean available() {
            try {
                return DockerClientFactory.instance().isDockerAvailable();
            } catch (Throwable e) {
                return false;
            }
        }
    }
}
