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
import java.util.List;
import java.util.Map;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The whole system in one JVM against real RabbitMQ and PostgreSQL: the orchestrator and the five
 * participant services, each its own Spring context with its own schema, in a fresh database and
 * virtual host.
 */
final class RunningSystem implements AutoCloseable {

    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();
    private final ConfigurableApplicationContext orchestrator;
    private final ConfigurableApplicationContext order;
    private final JdbcTemplate database;
    private final String virtualHost;

    RunningSystem() {
        Map<String, String> services = RealServices.isolated();
        String[] args = RealServices.asArguments(services);
        String[] withRandomPort = append(args, "--server.port=0");
        orchestrator = started(new SpringApplicationBuilder(OrchestratorApplication.class).run(withRandomPort));
        order = started(ServiceLauncher.run(OrderApplication.class, "order", withRandomPort));
        started(ServiceLauncher.run(InventoryApplication.class, "inventory", withRandomPort));
        started(ServiceLauncher.run(PaymentApplication.class, "payment", withRandomPort));
        started(ServiceLauncher.run(ShippingApplication.class, "shipping", withRandomPort));
        started(ServiceLauncher.run(NotificationApplication.class, "notification", withRandomPort));
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(services.get("saga.database.url"));
        dataSource.setUser(services.get("spring.datasource.username"));
        dataSource.setPassword(services.get("spring.datasource.password"));
        database = new JdbcTemplate(dataSource);
        virtualHost = services.get("spring.rabbitmq.virtual-host");
    }

    String virtualHost() {
        return virtualHost;
    }

    /** Schema-qualified access to every service's tables, for assertions. */
    JdbcTemplate database() {
        return database;
    }

    String orderServiceUrl() {
        return "http://127.0.0.1:" + order.getEnvironment().getProperty("local.server.port");
    }

    String orchestratorUrl() {
        return "http://127.0.0.1:" + orchestrator.getEnvironment().getProperty("local.server.port");
    }

    /** A template on the system's virtual host, for injecting duplicates. */
    RabbitTemplate rabbit() {
        return orchestrator.getBean(RabbitTemplate.class);
    }

    <T> T orchestratorBean(Class<T> type) {
        return orchestrator.getBean(type);
    }

    @Override
    public void close() {
        for (int i = contexts.size() - 1; i >= 0; i--) {
            contexts.get(i).close();
        }
    }

    private ConfigurableApplicationContext started(ConfigurableApplicationContext context) {
        contexts.add(context);
        return context;
    }

    private static String[] append(String[] args, String extra) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 1);
        all[args.length] = extra;
        return all;
    }
}
