package dev.saga.testbed;

import java.nio.file.Path;
import java.util.List;

/**
 * One service of the system, as a harness needs to know it: what it is called, where it listens, which
 * schema it owns as which database role, which queues it consumes (each with its parking queue), and which
 * exec jar runs it.
 *
 * @param name the service's name: its Spring application name, broker user and {@code --services=} entry
 * @param kind what the service does in a saga
 * @param httpPort the HTTP port its configuration gives it (see {@link HttpPorts} for a shifted set)
 * @param schema the PostgreSQL schema it owns
 * @param databaseRole the role that owns the schema ({@code infra/postgres/service-roles.sql})
 * @param queues the queues it consumes, the work queue first
 * @param configuration its base configuration on its classpath, where its port, role and schema are set
 * @param jar its exec jar, relative to the repository root
 */
public record Service(String name, Kind kind, int httpPort, String schema, String databaseRole, List<String> queues,
                      String configuration, Path jar) {

    /** What a service does in a saga. */
    public enum Kind {
        /** Runs the sagas: sends commands, takes replies. */
        ORCHESTRATOR,
        /** Takes the orchestrator's commands and replies; a saga waits for it. */
        COMMANDED,
        /** Only hears the sagas' outcome events; no saga waits for it. */
        LISTENING,
        /** Hears domain events and publishes its own, which decide a step a saga waits at; takes no commands. */
        DECIDING
    }

    public Service {
        queues = List.copyOf(queues);
    }

    /** The queue it takes its work from. */
    public String workQueue() {
        return queues.get(0);
    }

    /** Where each of its queues parks the messages it could not handle. */
    public List<String> parkingQueues() {
        return queues.stream().map(queue -> queue + ".dlq").toList();
    }

    /** Its exec jar in the checkout at {@code repository}. */
    public Path jarIn(Path repository) {
        return repository.resolve(jar);
    }

    public boolean isParticipant() {
        return kind != Kind.ORCHESTRATOR;
    }
}
