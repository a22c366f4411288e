package dev.saga.testbed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One service JVM from its command line: started with its output captured in a log file, its health awaited,
 * killed with SIGKILL (no shutdown hook, nothing in flight finishes) as a crash would, or stopped gracefully;
 * and started again with the same command.
 */
public final class ServiceJvm {

    /** What a start does to the log file. */
    public enum Log {
        /** Starts it afresh. */
        REPLACE,
        /** Keeps what earlier starts wrote and marks where this one begins. */
        APPEND
    }

    private static final Duration GRACE = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(500);

    private final String name;
    private final List<String> command;
    private final Path log;
    private final Log mode;
    private Process process;

    public ServiceJvm(String name, List<String> command, Path log, Log mode) {
        this.name = name;
        this.command = List.copyOf(command);
        this.log = log;
        this.mode = mode;
    }

    /** {@code java} of this JVM's installation, then the options, then what to run and its arguments. */
    public static List<String> javaCommand(List<String> jvmOptions, List<String> run, List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(jvmOptions);
        command.addAll(run);
        command.addAll(arguments);
        return command;
    }

    /** Starts the JVM unless it runs. */
    public synchronized void start() {
        if (isAlive()) {
            return;
        }
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            if (mode == Log.APPEND) {
                Files.writeString(log, "\n=== started " + Instant.now() + " ===\n", StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
                builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            } else {
                builder.redirectOutput(log.toFile());
            }
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start " + name, e);
        }
    }

    /** Waits until the service answers its health check on {@code port}; fails when it exits or the time is up. */
    public void awaitHealthy(int port, Duration within) {
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            Process current = current();
            if (current == null || !current.isAlive()) {
                throw new IllegalStateException(name + " exited during start-up"
                        + (current == null ? "" : " with " + current.exitValue()) + "; see " + log);
            }
            if (HealthCheck.isUp(port)) {
                return;
            }
            pause();
        }
        throw new IllegalStateException(name + " not healthy within " + within + "; see " + log);
    }

    /** SIGKILL, as a crash or the OOM killer would. */
    public void kill() {
        Process current = current();
        if (current != null && current.isAlive()) {
            current.destroyForcibly();
            waitFor(current, GRACE);
        }
    }

    /** SIGTERM (Spring shuts down gracefully), SIGKILL after 30 s. */
    public void stop() {
        stopAll(List.of(this));
    }

    /** Stops them together: SIGTERM to each, then SIGKILL to any still running 30 s later. */
    public static void stopAll(List<ServiceJvm> jvms) {
        List<ServiceJvm> running = jvms.stream().filter(ServiceJvm::isAlive).toList();
        running.forEach(jvm -> jvm.current().destroy());
        for (ServiceJvm jvm : running) {
            if (!waitFor(jvm.current(), GRACE)) {
                jvm.kill();
            }
        }
    }

    public boolean isAlive() {
        Process current = current();
        return current != null && current.isAlive();
    }

    /** The operating system's id of the running (or last) JVM. */
    public long pid() {
        return current().pid();
    }

    public String name() {
        return name;
    }

    public Path log() {
        return log;
    }

    private synchronized Process current() {
        return process;
    }

    private static boolean waitFor(Process process, Duration within) {
        try {
            return process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a service to start", e);
        }
    }
}
