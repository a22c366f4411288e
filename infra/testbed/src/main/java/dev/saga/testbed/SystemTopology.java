package dev.saga.testbed;

import dev.saga.testbed.Service.Kind;
import java.nio.file.Path;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The system's services in one place: the orchestrator, then the participants in the launcher's start order
 * (the saga's first participants are ready first). Every harness takes the list, the ports, the schemas and
 * the queues from here, so a new participant is declared once.
 */
public final class SystemTopology {

    private static final Path ORCHESTRATOR_JAR =
            Path.of("orchestrator/app/target/orchestrator-0.1.0-SNAPSHOT-exec.jar");
    /** Every participant runs from the launcher's jar, selected with {@code --services=<name>}. */
    private static final Path LAUNCHER_JAR =
            Path.of("participants/launcher/target/participant-launcher-0.1.0-SNAPSHOT-exec.jar");

    private static final List<Service> SERVICES = List.of(
            new Service("orchestrator", Kind.ORCHESTRATOR, 8080, "orchestrator", "saga_orchestrator",
                    List.of("orchestrator.replies", "orchestrator.saga-starts"), "application.yml", ORCHESTRATOR_JAR),
            participant("order", Kind.COMMANDED, 8081, "orders", "order.commands"),
            participant("inventory", Kind.COMMANDED, 8082, "inventory", "inventory.commands"),
            participant("payment", Kind.COMMANDED, 8083, "payment", "payment.commands"),
            participant("shipping", Kind.COMMANDED, 8084, "shipping", "shipping.commands"),
            participant("notification", Kind.LISTENING, 8085, "notification", "notification.events"),
            participant("risk", Kind.DECIDING, 8086, "risk", "risk.events"));

    private SystemTopology() {
    }

    /** The orchestrator first, then the participants in start order. */
    public static List<Service> services() {
        return SERVICES;
    }

    public static Service orchestrator() {
        return SERVICES.get(0);
    }

    public static List<Service> participants() {
        return SERVICES.stream().filter(Service::isParticipant).toList();
    }

    /** {@code order}, {@code inventory}, {@code payment}, {@code shipping}, {@code notification}, {@code risk}. */
    public static List<String> participantNames() {
        return participants().stream().map(Service::name).toList();
    }

    /** The participants a saga sends commands to and waits for. */
    public static List<Service> commandedParticipants() {
        return SERVICES.stream().filter(service -> service.kind() == Kind.COMMANDED).toList();
    }

    public static List<String> commandedParticipantNames() {
        return commandedParticipants().stream().map(Service::name).toList();
    }

    public static List<String> serviceNames() {
        return SERVICES.stream().map(Service::name).toList();
    }

    /** Every service's schema, the orchestrator's first. */
    public static List<String> schemas() {
        return SERVICES.stream().map(Service::schema).toList();
    }

    /** Every consuming queue of the system. */
    public static List<String> workQueues() {
        return SERVICES.stream().flatMap(service -> service.queues().stream()).toList();
    }

    /** Every consuming queue's parking queue. */
    public static List<String> parkingQueues() {
        return SERVICES.stream().flatMap(service -> service.parkingQueues().stream()).toList();
    }

    public static Service service(String name) {
        return SERVICES.stream().filter(service -> service.name().equals(name)).findFirst().orElseThrow(() ->
                new NoSuchElementException("No service '" + name + "'; the system has " + serviceNames()));
    }

    private static Service participant(String name, Kind kind, int httpPort, String schema, String queue) {
        return new Service(name, kind, httpPort, schema, "saga_" + name, List.of(queue), name + ".yml",
                LAUNCHER_JAR);
    }
}
