package dev.saga.bench;

/**
 * Where the shared local services are, and the bench's own database and vhost on them (reset by
 * {@code infra/bin/bench} before each run, the way the demo resets {@code saga}).
 */
record Endpoints(String jdbcBase, String database, String dbUser, String amqpHost, int amqpPort,
                 String managementUrl, String amqpUser, String amqpPassword, String vhost) {

    static Endpoints local() {
        return new Endpoints("jdbc:postgresql://127.0.0.1:5432/", "bench", "postgres", "127.0.0.1", 5672,
                "http://127.0.0.1:15672", "guest", "guest", "bench");
    }

    String jdbcUrl() {
        return jdbcBase + database + "?ApplicationName=bench";
    }
}
