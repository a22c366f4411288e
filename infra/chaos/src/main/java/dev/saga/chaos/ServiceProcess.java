package dev.saga.chaos;

import dev.saga.testbed.ServiceJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One service JVM started from its exec jar: started, killed with SIGKILL (no shutdown hook, nothing in
 * flight finishes), stopped gracefully, started again with the same arguments and port. Every start appends
 * to the same log and records its pid.
 */
final class ServiceProcess {

    /** Marks the runner's JVMs on their command line, so the shell wrapper can tell them from others by pid. */
    static final String MARKER = "-Dsaga.chaos.service=";

    private final ServiceJvm jvm;
    private final int port;
    private final PidFile pids;

    ServiceProcess(String name, Path jar, List<String> arguments, int port, Path logDirectory, PidFile pids) {
        List<String> withPort = new ArrayList<>(arguments);
        withPort.add("--server.port=" + port);
        this.jvm = new ServiceJvm(name, ServiceJvm.javaCommand(List.of(MARKER + name, "-Xmx256m", "-Xss512k",
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"), List.of("-jar", jar.toString()), withPort),
                logDirectory.resolve(name + ".log"), ServiceJvm.Log.APPEND);
        this.port = port;
        this.pids = pids;
    }

    String name() {
        return jvm.name();
    }

    int port() {
        return port;
    }

    synchronized void start() {
        if (jvm.isAlive()) {
            return;
        }
        jvm.start();
        pids.add(jvm.pid());
    }

    /** Waits until the health endpoint answers 200; fails when the process exits or the time is up. */
    void awaitHealthy(Duration within) {
        jvm.awaitHealthy(port, within);
    }

    /** SIGKILL, as a crash or the OOM killer would. */
    void kill() {
        jvm.kill();
    }

    /** SIGTERM (Spring shuts down gracefully), SIGKILL after 30 s. */
    void stop() {
        jvm.stop();
    }

    boolean isAlive() {
        return jvm.isAlive();
    }

    Path log() {
        return jvm.log();
    }
}
