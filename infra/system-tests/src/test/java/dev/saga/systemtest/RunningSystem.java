package dev.saga.systemtest;

import dev.saga.messaging.testing.RealServices;
import dev.saga.orchestrator.OrchestratorApplication;
import dev.saga.participant.inventory.InventoryApplication;
import dev.saga.participant.kit.ServiceLauncher;
import dev.saga.participant.notification.NotificationApplication;
import dev.saga.participant.order.OrderApplication;
import dev.saga.participant.payment.PaymentApplication;
import dev.saga.participant.shipping.ShippingApplication;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The system against real RabbitMQ and PostgreSQL, in a fresh database and virtual host: orchestrator
 * instances and participant services, each its own Spring context with its own schema, in this JVM; or,
 * for crash tests, some of them as separate processes that share the same database and virtual host.
 */
final class RunningSystem implements AutoCloseable {

    static final Set<String> ALL_PARTICIPANTS = Set.of("order", "inventory", "payment", "shipping", "notification");
    private static final Map<String, Class<?>> APPLICATIONS = Map.of("order", OrderApplication.class,
            "inventory", InventoryApplication.class, "payment", PaymentApplication.class,
            "shipping", ShippingApplication.class, "notification", NotificationApplication.class);

    /** The orchestrator's admin logins for tests. */
    static final String[] ADMIN_USERS = {"--saga.admin.viewer.username=viewer",
        "--saga.admin.viewer.password=viewer-pass", "--saga.admin.operator.username=operator",
        "--saga.admin.operator.password=operator-pass"};

    /**
     * Sharing this JVM's classpath, participants would pick up the orchestrator's Spring Security and lock
     * themselves with a generated password; alone (and in the launcher) they never have it.
     */
    private static final String WITHOUT_ORCHESTRATOR_SECURITY = "--spring.autoconfigure.exclude="
            + "org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration,"
            + "org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration,"
            + "org.springframework.boot.actuate.autoconfigure.security.servlet.ManagementWebSecurityAutoConfiguration";

    private final Map<String, String> services;
    private final String[] arguments;
    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();
    private final List<ConfigurableApplicationContext> orchestrators = new ArrayList<>();
    private final Map<String, ConfigurableApplicationContext> participants = new LinkedHashMap<>();
    private final JdbcTemplate database;
    private final CachingConnectionFactory connections;
    private final RabbitTemplate rabbit;

    private RunningSystem(String... extraArguments) {
        services = RealServices.isolated();
        arguments = Stream.of(Stream.of(RealServices.asArguments(services)), Stream.of(ADMIN_USERS),
                Stream.of("--saga.admin.management-url=" + RealServices.managementUrl()), Stream.of(extraArguments))
                .flatMap(s -> s).toArray(String[]::new);
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(services.get("saga.database.url"));
        dataSource.setUser(services.get("spring.datasource.username"));
        dataSource.setPassword(services.get("spring.datasource.password"));
        database = new JdbcTemplate(dataSource);
        connections = new CachingConnectionFactory(services.get("spring.rabbitmq.host"),
                Integer.parseInt(services.get("spring.rabbitmq.port")));
        connections.setUsername(services.get("spring.rabbitmq.username"));
        connections.setPassword(services.get("spring.rabbitmq.password"));
        connections.setVirtualHost(virtualHost());
        rabbit = new RabbitTemplate(connections);
    }

    /** One orchestrator and every participant, all in this JVM. */
    static RunningSystem start(String... extraArguments) {
        return start(1, ALL_PARTICIPANTS, extraArguments);
    }

    /** {@code orchestrators} orchestrator instances and the named participants in this JVM. */
    static RunningSystem start(int orchestrators, Set<String> participantsInJvm, String... extraArguments) {
        RunningSystem system = new RunningSystem(extraArguments);
        try {
            for (int i = 0; i < orchestrators; i++) {
                system.startOrchestrator();
            }
            for (String name : List.of("order", "inventory", "payment", "shipping", "notification")) {
                if (participantsInJvm.contains(name)) {
                    system.participants.put(name, system.started(ServiceLauncher.run(APPLICATIONS.get(name), name,
                            system.argumentsWith("--server.port=0", WITHOUT_ORCHESTRATOR_SECURITY))));
                }
            }
            return system;
        } catch (RuntimeException e) {
            system.close();
            throw e;
        }
    }

    ConfigurableApplicationContext startOrchestrator() {
        ConfigurableApplicationContext context = started(new SpringApplicationBuilder(OrchestratorApplication.class)
                .run(argumentsWith("--server.port=0")));
        orchestrators.add(context);
        return context;
    }

    /** The arguments that point a service at this system's database and virtual host, plus {@code more}. */
    String[] argumentsWith(String... more) {
        String[] all = Arrays.copyOf(arguments, arguments.length + more.length);
        System.arraycopy(more, 0, all, arguments.length, more.length);
        return all;
    }

    /** Schema-qualified access to every service's tables, for assertions. */
    JdbcTemplate database() {
        return database;
    }

    /** One of the connection properties the system runs with, e.g. {@code spring.rabbitmq.port}. */
    String argumentValue(String property) {
        return services.get(property);
    }

    String virtualHost() {
        return services.get("spring.rabbitmq.virtual-host");
    }

    String orderServiceUrl() {
        return "http://127.0.0.1:" + participants.get("order").getEnvironment().getProperty("local.server.port");
    }

    String orchestratorUrl() {
        return "http://127.0.0.1:" + orchestrators.get(0).getEnvironment().getProperty("local.server.port");
    }

    /** A template on the system's virtual host, for injecting duplicates and reading queues. */
    RabbitTemplate rabbit() {
        return rabbit;
    }

    /** The participant stops taking messages from its queue, as if it hung; they wait there. */
    void pauseConsumer(String participant) {
        listener(participant).stop();
    }

    void resumeConsumer(String participant) {
        listener(participant).start();
    }

    @Override
    public void close() {
        for (int i = contexts.size() - 1; i >= 0; i--) {
            contexts.get(i).close();
        }
        connections.destroy();
        RealServices.release(services);
    }

    private SimpleMessageListenerContainer listener(String participant) {
        return participants.get(participant).getBean("participantListener", SimpleMessageListenerContainer.class);
    }

    private ConfigurableApplicationContext started(ConfigurableApplicationContext context) {
        contexts.add(context);
        return context;
    }
}
