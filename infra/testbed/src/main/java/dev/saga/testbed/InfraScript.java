package dev.saga.testbed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the repository's operator scripts (e.g. {@code infra/cluster/rabbit up}) as an operator would,
 * for the system tests and the failure-injection runner.
 */
public final class InfraScript {

    private InfraScript() {
    }

    /** Runs {@code script} with {@code args}; its output, or a failure with it on a non-zero exit or a timeout. */
    public static String run(Path script, Duration timeout, String... args) {
        List<String> command = new ArrayList<>(List.of(script.toString()));
        command.addAll(List.of(args));
        return run(command, timeout);
    }

    /** Runs {@code command}; its output, or a failure with it on a non-zero exit or a timeout. */
    public static String run(List<String> command, Duration timeout) {
        try {
            Path log = Files.createTempFile("infra-script", ".log");
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                        .start();
                if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeout
                            + ": " + Files.readString(log).strip());
                }
                String output = Files.readString(log);
                if (process.exitValue() != 0) {
                    throw new IllegalStateException(String.join(" ", command) + " exited with "
                            + process.exitValue() + ": " + output.strip());
                }
                return output;
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + command, e);
        }
    }

    public static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
