package dev.saga.orchestrator.versions;

import dev.saga.orchestrator.engine.SagaRepository.VersionInUse;
import java.util.List;
import java.util.stream.Collectors;

/** Unfinished sagas run on definition versions this orchestrator does not load. */
public class DefinitionVersionsMissingException extends IllegalStateException {

    private final List<VersionInUse> missing;
    private final String loaded;

    DefinitionVersionsMissingException(List<VersionInUse> missing, String loaded) {
        super("Unfinished sagas run on saga definition versions that are not loaded: " + describe(missing)
                + ". Loaded: " + (loaded.isEmpty() ? "none" : loaded) + ".");
        this.missing = List.copyOf(missing);
        this.loaded = loaded;
    }

    /** {@code order-fulfilment v1 (12 sagas), ...} */
    static String describe(List<VersionInUse> versions) {
        return versions.stream().map(v -> v.type() + " v" + v.version() + " (" + v.sagas() + " saga"
                + (v.sagas() == 1 ? "" : "s") + ")").collect(Collectors.joining(", "));
    }

    /** {@code order-fulfilment v1, ...} */
    public String missingVersions() {
        return missing.stream().map(v -> v.type() + " v" + v.version()).collect(Collectors.joining(", "));
    }

    public List<VersionInUse> missing() {
        return missing;
    }

    public String loaded() {
        return loaded;
    }
}
