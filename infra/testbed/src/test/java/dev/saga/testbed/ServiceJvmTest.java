package dev.saga.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real JVM started, awaited, killed, started again and stopped, with its output in its log. */
class ServiceJvmTest {

    @TempDir
    Path logs;

    private ServiceJvm jvm;

    @AfterEach
    void killWhatIsLeft() {
        if (jvm != null) {
            jvm.kill();
        }
    }

    @Test
    void aServiceIsHealthyAfterItsStartAndGoneAfterAKill() throws IOException {
        int port = startHealthy(ServiceJvm.Log.REPLACE);

        assertThat(HealthCheck.isUp(port)).isTrue();
        jvm.kill();
        assertThat(jvm.isAlive()).isFalse();
        assertThat(HealthCheck.isUp(port)).isFalse();
        assertThat(Files.readString(jvm.log())).contains("serving health on port " + port)
                .doesNotContain("stopping gracefully");
    }

    @Test
    void aRestartAppendsToTheSameLogAndAStopIsGraceful() throws IOException {
        int port = startHealthy(ServiceJvm.Log.APPEND);

        jvm.kill();
        jvm.start();
        jvm.awaitHealthy(port, Duration.ofSeconds(60));
        jvm.stop();

        assertThat(jvm.isAlive()).isFalse();
        String log = Files.readString(jvm.log());
        assertThat(log.split("=== started ", -1)).hasSize(3);
        assertThat(log).containsOnlyOnce("stopping gracefully");
    }

    @Test
    void aServiceThatExitsDuringStartUpFailsTheWaitNamingItsLog() {
        jvm = service("quitter", "exit", ServiceJvm.Log.REPLACE);

        jvm.start();

        assertThatThrownBy(() -> jvm.awaitHealthy(LocalPorts.free(), Duration.ofSeconds(60)))
                .hasMessageContaining("quitter exited during start-up with 3")
                .hasMessageContaining(jvm.log().toString());
    }

    /** A probe service started and healthy on a free port, which it returns. */
    private int startHealthy(ServiceJvm.Log mode) {
        int port = LocalPorts.free();
        jvm = service("probe", String.valueOf(port), mode);
        jvm.start();
        jvm.awaitHealthy(port, Duration.ofSeconds(60));
        return port;
    }

    private ServiceJvm service(String name, String argument, ServiceJvm.Log mode) {
        return new ServiceJvm(name, ServiceJvm.javaCommand(List.of("-Xmx32m"), List.of("-cp",
                System.getProperty("java.class.path"), HealthyService.class.getName()), List.of(argument)),
                logs.resolve(name + ".log"), mode);
    }
}
