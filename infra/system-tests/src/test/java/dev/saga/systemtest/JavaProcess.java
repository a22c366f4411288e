package dev.saga.systemtest;

import dev.saga.testbed.LocalPorts;
import dev.saga.testbed.ServiceJvm;
import java.io.File;
import java.io.IOException;
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

    private final ServiceJvm jvm;

    private JavaProcess(ServiceJvm jvm) {
        this.jvm = jvm;
    }

    /** Starts {@code mainClass} with {@code args} and waits until its health endpoint answers. */
    static JavaProcess start(String name, Class<?> mainClass, String... args) {
        int port = LocalPorts.free();
        List<String> arguments = new ArrayList<>(List.of(args));
        arguments.add("--server.port=" + port);
        Path log;
        try {
            log = Files.createDirectories(Path.of("target", "processes")).resolve(name + "-" + port + ".log");
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start " + name, e);
        }
        ServiceJvm jvm = new ServiceJvm(name, ServiceJvm.javaCommand(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"),
                List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()), arguments), log,
                ServiceJvm.Log.REPLACE);
        jvm.start();
        JavaProcess started = new JavaProcess(jvm);
        try {
            jvm.awaitHealthy(port, Duration.ofSeconds(90));
        } catch (IllegalStateException e) {
            started.close();
            throw e;
        }
        return started;
    }

    /** SIGKILL: no shutdown hooks, no graceful stop, whatever was in flight is cut off. */
    void kill() {
        jvm.kill();
    }

    @Override
    public void close() {
        if (jvm.isAlive()) {
            kill();
        }
    }

    File logFile() {
        return jvm.log().toFile();
    }

    boolean isAlive() {
        return jvm.isAlive();
    }
}
