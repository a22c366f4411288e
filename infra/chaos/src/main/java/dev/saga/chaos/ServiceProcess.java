package dev.saga.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One service JVM started from its exec jar: started, killed with SIGKILL (no shutdown hook, nothing in
 * flight finishes), stopped gracefully, started again with the same arguments and port.
 */
final class ServiceProcess {

    /** Marks the runner's JVMs on their command line, so the shell wrapper can tell them from others by pid. */
    static final String MARKER = "-Dsaga.chaos.service=";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Path jar;
    private final List<String> arguments;
    private final int port;
    private final Path log;
    private final PidFile pids;
    private Process process;

    ServiceProcess(String name, Path jar, List<String> arguments, int port, Path logDirectory, PidFile pids) {
        this.name = name;
        this.jar = jar;
        this.arguments = List.copyOf(arguments);
        this.port = port;
        this.log = logDirectory.resolve(name + ".log");
        this.pids = pids;
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    synchronized void start() {
        if (isAlive()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), MARKER + name, "-Xmx256m", "-Xss512k", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-jar", jar.toString()));
        command.addAll(arguments);
        command.add("--server.port=" + port);
        try {
            Files.writeString(log, "\n=== started " + Instant.now() + " ===\n", java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            pids.add(process.pid());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start " + name, e);
        }
    }

    /** Waits until the health endpoint answers 200; fails when the process exits or the time is up. */
    void awaitHealthy(Duration within) {
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            Process current = currentProcess();
            if (current == null || !current.isAlive()) {
                throw new IllegalStateException(name + " exited during start-up; see " + log);
            }
            if (healthy()) {
                return;
            }
            Pause.of(Duration.ofMillis(500));
        }
        throw new IllegalStateException(name + " not healthy within " + within + "; see " + log);
    }

    boolean healthy() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                    .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** SIGKILL, as a crash or the OOM killer would. */
    void kill() {
        Process current = currentProcess();
        if (current != null && current.isAlive()) {
            current.destroyForcibly();
            waitFor(current, Duration.ofSeconds(30));
        }
    }

    /** SIGTERM (Spring shuts down gracefully), SIGKILL after 30 s. */
    void stop() {
        Process current = currentProcess();
        if (current != null && current.isAlive()) {
            current.destroy();
            if (!waitFor(current, Duration.ofSeconds(30))) {
                kill();
            }
        }
    }

    boolean isAlive() {
        Process current = currentProcess();
        return current != null && current.isAlive();
    }

    Path log() {
        return log;
    }

    private synchronized Process currentProcess() {
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
}
