package dev.saga.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The pids of every service JVM the runner started, so the shell wrapper can end those (and only those)
 * when the runner itself was killed before its shutdown hook could.
 */
final class PidFile {

    private final Path file;

    PidFile(Path file) {
        this.file = file;
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, "");
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write " + file, e);
        }
    }

    synchronized void add(long pid) {
        try {
            Files.writeString(file, pid + "\n", StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write " + file, e);
        }
    }
}
