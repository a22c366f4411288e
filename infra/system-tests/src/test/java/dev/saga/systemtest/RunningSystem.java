package dev.saga.systemtest;

import dev.saga.messaging.BatchingConsumer;
import dev.saga.messaging.testing.RealServices;
import dev.saga.orchestrator.app.OrchestratorApplication;
import dev.saga.participant.launcher.ParticipantsLauncher;
import dev.saga.testbed.SystemTopology;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The system against real RabbitMQ and PostgreSQL, in a fresh database and virtual host: orchestrator
 * instances and participant services, each its own Spring context with its own schema, in this JVM; or,
 * for crash tests, some of them as separate processes that share the same database and virtual host. Every
 * service logs in to the broker as its own user of {@code infra/rabbitmq/service-users.json}, with exactly
 * those rights, as it does in production; the test itself reads and injects as the broker's admin, or as a
 * service's user where it speaks for that service.
 */
final class RunningSystem implements AutoCloseable {

    static final Set<String> ALL_PARTICIPANTS = Set.copyOf(SystemTopology.participantNames());

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

    /**
     * The launcher leaves the service's name out of log lines, which it writes wrongly when co-hosted; here every
     * context names itself, and the lines of a whole system in one JVM must say which service wrote them.
     */
    private static final String WITH_SERVICE_NAMES_IN_LOGS = "--logging.include-application-name=true";

    private final Map<String, String> services;
    private final Runnable releaseIsolated;
    private final BrokerUsers brokerUsers;
    private final String[] arguments;
    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();
    private final List<ConfigurableApplicationContext> orchestrators = new ArrayList<>();
    private final Map<String, ConfigurableApplicationContext> participants = new LinkedHashMap<>();
    private final JdbcTemplate database;
    private final CachingConnectionFactory connections;
    private final RabbitTemplate rabbit;
    private final Map<String, CachingConnectionFactory> serviceConnections = new LinkedHashMap<>();

    private RunningSystem(String... extraArguments) {
        this(Map.of(), RealServices::management, RealServices.managementUrl(), extraArguments);
    }

    /**
     * A fresh database and virtual host of the shared services, unless {@code overrides} names others: a broker's
     * {@code spring.rabbitmq.*} properties replace all of the shared broker's ({@code management} and
     * {@code managementUrl} are then that broker's API), e.g. a cluster's; {@code saga.database.url} another
     * database, e.g. a replicated one's.
     */
    private RunningSystem(Map<String, String> overrides, BrokerUsers.Management management,
                          String managementUrl, String... extraArguments) {
        Map<String, String> isolated = RealServices.isolated();
        releaseIsolated = () -> RealServices.release(isolated);
        services = new LinkedHashMap<>(isolated);
        if (overrides.keySet().stream().anyMatch(key -> key.startsWith("spring.rabbitmq."))) {
            services.keySet().removeIf(key -> key.startsWith("spring.rabbitmq."));
        }
        services.putAll(overrides);
        brokerUsers = BrokerUsers.create(services.get("spring.rabbitmq.virtual-host"), management);
        Map<String, String> shared = new LinkedHashMap<>(services);
        // Each service gets its own login (a property given twice on the command line would be joined by a comma).
        shared.remove("spring.rabbitmq.username");
        shared.remove("spring.rabbitmq.password");
        arguments = Stream.of(Stream.of(RealServices.asArguments(shared)), Stream.of(ADMIN_USERS),
                // Pools grow when used rather than opening all their connections at once: six services of a
                // system, and several systems at a time, share one PostgreSQL's connection limit.
                Stream.of("--spring.datasource.hikari.minimum-idle=1"),
                Stream.of("--saga.admin.management-url=" + managementUrl), Stream.of(extraArguments))
                .flatMap(s -> s).toArray(String[]::new);
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(services.get("saga.database.url"));
        dataSource.setUser(services.get("spring.datasource.username"));
        dataSource.setPassword(services.get("spring.datasource.password"));
        database = new JdbcTemplate(dataSource);
        connections = connectionFactory(services.get("spring.rabbitmq.username"),
                services.get("spring.rabbitmq.password"));
        rabbit = new RabbitTemplate(connections);
    }

    /** One orchestrator and every participant, all in this JVM. */
    static RunningSystem start(String... extraArguments) {
        return start(1, ALL_PARTICIPANTS, extraArguments);
    }

    /** {@code orchestrators} orchestrator instances and the named participants in this JVM. */
    static RunningSystem start(int orchestrators, Set<String> participantsInJvm, String... extraArguments) {
        return startedWith(new RunningSystem(extraArguments), orchestrators, participantsInJvm);
    }

    /**
     * One orchestrator and every participant in this JVM, on the virtual host {@code vhost} of the three-node
     * cluster: every service takes all nodes as {@code spring.rabbitmq.addresses} and reconnects to one that runs.
     */
    static RunningSystem startOnCluster(String vhost, String... extraArguments) {
        Map<String, String> broker = Map.of("spring.rabbitmq.addresses", ClusterBroker.addresses(),
                "spring.rabbitmq.virtual-host", vhost, "spring.rabbitmq.username", "guest",
                "spring.rabbitmq.password", "guest");
        return startWith(broker, ClusterBroker::management, ClusterBroker.managementUrl(1), extraArguments);
    }

    /**
     * One orchestrator and every participant in this JVM on the database {@code jdbcUrl} names, e.g. a primary and
     * its standby with {@code targetServerType=primary}, logged in as {@code user} without a password.
     */
    static RunningSystem startOnDatabase(String jdbcUrl, String user, String... extraArguments) {
        Map<String, String> database = Map.of("saga.database.url", jdbcUrl, "spring.datasource.username", user,
                "spring.datasource.password", "");
        return startWith(database, RealServices::management, RealServices.managementUrl(), extraArguments);
    }

    /**
     * One orchestrator and every participant in this JVM with {@code overrides} on top of a fresh database and
     * virtual host: another broker (its {@code spring.rabbitmq.*}, whose admin API {@code management} calls at
     * {@code managementUrl}) or another database, e.g. both over TLS.
     */
    static RunningSystem startWith(Map<String, String> overrides, BrokerUsers.Management management,
                                   String managementUrl, String... extraArguments) {
        return startedWith(new RunningSystem(overrides, management, managementUrl, extraArguments), 1,
                ALL_PARTICIPANTS);
    }

    private static RunningSystem startedWith(RunningSystem system, int orchestrators,
                                             Set<String> participantsInJvm) {
        try {
            for (int i = 0; i < orchestrators; i++) {
                system.startOrchestrator();
            }
            for (String name : SystemTopology.participantNames()) {
                if (participantsInJvm.contains(name)) {
                    system.participants.put(name, system.startParticipantInstance(name));
                }
            }
            return system;
        } catch (RuntimeException e) {
            system.close();
            throw e;
        }
    }

    /**
     * One more instance of the participant in this JVM, on the same queue, schema and broker user as the first:
     * the instances compete for its messages, as replicas of a service do.
     */
    ConfigurableApplicationContext startParticipantInstance(String name) {
        return started(ParticipantsLauncher.start(participantArguments(name, "--services=" + name,
                "--server.port=0", WITHOUT_ORCHESTRATOR_SECURITY, WITH_SERVICE_NAMES_IN_LOGS)).context(name));
    }

    /** Every participant but the one a test runs elsewhere, e.g. as a process it kills. */
    static Set<String> allParticipantsBut(String participant) {
        Set<String> others = new TreeSet<>(ALL_PARTICIPANTS);
        others.remove(participant);
        return others;
    }

    ConfigurableApplicationContext startOrchestrator() {
        ConfigurableApplicationContext context = started(new SpringApplicationBuilder(OrchestratorApplication.class)
                .run(orchestratorArguments("--server.port=0")));
        orchestrators.add(context);
        return context;
    }

    /**
     * The arguments that point an orchestrator at this system's database and virtual host, logged in as its own
     * broker user and knowing each participant's, plus {@code more}.
     */
    String[] orchestratorArguments(String... more) {
        List<String> login = new ArrayList<>(loginOf("orchestrator"));
        for (String participant : ALL_PARTICIPANTS) {
            login.add("--saga.broker-users." + participant + "=" + brokerUser(participant));
        }
        return withArguments(login, more);
    }

    /** The arguments that point a participant at this system, logged in as its own broker user, plus {@code more}. */
    String[] participantArguments(String participant, String... more) {
        return withArguments(loginOf(participant), more);
    }

    /** The broker user the service logs in as, {@code <vhost>_<service>}. */
    String brokerUser(String service) {
        return brokerUsers.userName(service);
    }

    String brokerPassword() {
        return brokerUsers.password();
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

    /** Where the service listens in this system: the first orchestrator, or a participant. */
    String urlOf(String service) {
        ConfigurableApplicationContext context = SystemTopology.orchestrator().name().equals(service)
                ? orchestrators.get(0) : participants.get(service);
        return "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    }

    String orchestratorUrl() {
        return "http://127.0.0.1:" + orchestrators.get(0).getEnvironment().getProperty("local.server.port");
    }

    /** A template on the system's virtual host as the broker's admin, for injecting duplicates and reading queues. */
    RabbitTemplate rabbit() {
        return rabbit;
    }

    /**
     * A template logged in as the service's own broker user, which marks what it publishes with that user
     * ({@code user_id}) as the service does: for a test that speaks for the service, e.g. re-sends its reply.
     */
    RabbitTemplate rabbitAs(String service) {
        CachingConnectionFactory factory = serviceConnections.computeIfAbsent(service, name ->
                connectionFactory(brokerUser(name), brokerPassword()));
        RabbitTemplate template = new RabbitTemplate(factory);
        String user = brokerUser(service);
        template.addBeforePublishPostProcessors(message -> {
            message.getMessageProperties().setUserId(user);
            return message;
        });
        return template;
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
        serviceConnections.values().forEach(CachingConnectionFactory::destroy);
        connections.destroy();
        releaseIsolated.run();
        brokerUsers.close();
    }

    /** A connection factory to the system's broker and virtual host: its nodes' addresses, or its host and port. */
    private CachingConnectionFactory connectionFactory(String user, String password) {
        CachingConnectionFactory factory = new CachingConnectionFactory();
        if (services.containsKey("spring.rabbitmq.addresses")) {
            factory.setAddresses(services.get("spring.rabbitmq.addresses"));
        } else {
            factory.setHost(services.get("spring.rabbitmq.host"));
            factory.setPort(Integer.parseInt(services.get("spring.rabbitmq.port")));
        }
        if (Boolean.parseBoolean(services.get("spring.rabbitmq.ssl.enabled"))) {
            // The test's own connections trust what the services' SSL bundle trusts.
            String bundle = services.get("spring.rabbitmq.ssl.bundle");
            factory.getRabbitConnectionFactory().useSslProtocol(TestCertificates.trusting(Path.of(services
                    .get("spring.ssl.bundle.pem." + bundle + ".truststore.certificate").replaceFirst("^file:", ""))));
        }
        factory.setUsername(user);
        factory.setPassword(password);
        factory.setVirtualHost(virtualHost());
        return factory;
    }

    private List<String> loginOf(String service) {
        return List.of("--spring.rabbitmq.username=" + brokerUser(service),
                "--spring.rabbitmq.password=" + brokerPassword());
    }

    private String[] withArguments(List<String> login, String... more) {
        return Stream.of(Stream.of(arguments), login.stream(), Stream.of(more)).flatMap(s -> s)
                .toArray(String[]::new);
    }

    private BatchingConsumer listener(String participant) {
        return participants.get(participant).getBean(BatchingConsumer.class);
    }

    private ConfigurableApplicationContext started(ConfigurableApplicationContext context) {
        contexts.add(context);
        return context;
    }
}
