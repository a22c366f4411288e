package dev.saga.systemtest;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A service as a real operating-system process on this test's classpath, so a test can kill it with
 * SIGKILL mid-work, as a crash would, and start it again.
 */
final class JavaProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private JavaProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts {@code mainClass} with {@code args} and waits until its health endpoint answers. */
    static JavaProcess start(String name, Class<?> mainClass, String... args) {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                mainClass.getName()));
        command.addAll(List.of(args));
        command.add("--server.port=" + port);
        try {
            Path log = Files.createDirectories(Path.of("target", "processes")).resolve(name + "-" + port + ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            JavaProcess started = new JavaProcess(process, port, log);
            started.awaitHealthy();
            return started;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start " + name, e);
        }
    }

    /** SIGKILL: no shutdown hooks, no graceful stop, whatever was in flight is cut off. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    private void awaitHealthy() {
        HttpClient http = HttpClient.newHttpClient();
        await("process logging to " + log.toAbsolutePath() + " becomes healthy").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500)).until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("exited with " + process.exitValue() + ", see " + log);
                    }
                    try {
                        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                                + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString())
                                .statusCode() == 200;
                    } catch (IOException e) {
                        return false;
                    }
                });
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    File logFile() {
        return log.toFile();
    }

    boolean isAlive() {
        return process.isAlive();
    }
}
