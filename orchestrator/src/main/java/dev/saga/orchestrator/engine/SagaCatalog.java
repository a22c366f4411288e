package dev.saga.orchestrator.engine;

import dev.saga.definition.SagaDefinition;
import dev.saga.definition.SagaMigration;
import dev.saga.orchestrator.engine.machine.ReusedStateMachineTransitions;
import dev.saga.orchestrator.engine.machine.SagaMachineModel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The loaded saga definitions, each version with its state machine built once at start-up, and the declared
 * migrations between versions. New sagas start on the newest version of their type; a running saga stays on the
 * version it started with until a migration moves it.
 */
public class SagaCatalog {

    /** A definition ready to run. */
    public record LoadedSaga(SagaDefinition<?> definition, SagaMachineModel model, SagaTransitions transitions) {
    }

    private final Map<String, NavigableMap<Integer, LoadedSaga>> byType = new TreeMap<>();
    private final List<SagaMigration<?, ?>> migrations;

    public SagaCatalog(List<SagaDefinition<?>> definitions) {
        this(definitions, List.of());
    }

    public SagaCatalog(List<SagaDefinition<?>> definitions, List<SagaMigration<?, ?>> migrations) {
        for (SagaDefinition<?> definition : definitions) {
            SagaMachineModel model = SagaMachineModel.of(definition);
            LoadedSaga loaded = new LoadedSaga(definition, model, new ReusedStateMachineTransitions(model));
            if (byType.computeIfAbsent(definition.type(), type -> new TreeMap<>())
                    .put(definition.version(), loaded) != null) {
                throw new IllegalStateException("Saga " + definition + " is defined twice");
            }
        }
        for (SagaMigration<?, ?> migration : migrations) {
            check(migration);
        }
        this.migrations = List.copyOf(migrations);
    }

    /** The newest version of every type. */
    public Collection<LoadedSaga> all() {
        return byType.values().stream().map(versions -> versions.lastEntry().getValue()).toList();
    }

    /** Every loaded version of every type, oldest first within a type. */
    public List<LoadedSaga> allVersions() {
        List<LoadedSaga> all = new ArrayList<>();
        byType.values().forEach(versions -> all.addAll(versions.values()));
        return all;
    }

    /** The newest version of the type: what new sagas start on. */
    public Optional<LoadedSaga> forType(String type) {
        return Optional.ofNullable(byType.get(type)).map(versions -> versions.lastEntry().getValue());
    }

    /** The version a saga started on, if it is loaded. */
    public Optional<LoadedSaga> forVersion(String type, int version) {
        return Optional.ofNullable(byType.get(type)).map(versions -> versions.get(version));
    }

    /** The loaded versions of every type, for messages: {@code order-fulfilment v1, v2}. */
    public String describe() {
        return byType.entrySet().stream().map(e -> e.getKey() + " " + e.getValue().keySet().stream()
                .map(v -> "v" + v).collect(Collectors.joining(", "))).collect(Collectors.joining("; "));
    }

    /** The saga a domain event starts (its newest version), if any. */
    public Optional<LoadedSaga> startedBy(Class<?> eventType) {
        return all().stream().filter(s -> s.definition().start().eventType() == eventType).findFirst();
    }

    public List<SagaMigration<?, ?>> migrations() {
        return migrations;
    }

    public Optional<SagaMigration<?, ?>> migration(String type, int fromVersion, int toVersion) {
        return migrations.stream().filter(m -> m.type().equals(type) && m.source().version() == fromVersion
                && m.target().version() == toVersion).findFirst();
    }

    /** A migration joins two loaded versions through running states both machines have. */
    private void check(SagaMigration<?, ?> migration) {
        LoadedSaga from = forVersion(migration.type(), migration.source().version()).orElseThrow(() ->
                new IllegalStateException("Migration " + migration + ": " + migration.source() + " is not loaded"));
        LoadedSaga to = forVersion(migration.type(), migration.target().version()).orElseThrow(() ->
                new IllegalStateException("Migration " + migration + ": " + migration.target() + " is not loaded"));
        for (String state : migration.states()) {
            for (LoadedSaga version : List.of(from, to)) {
                if (!version.model().states().contains(state) || SagaStates.isTerminal(state)
                        || SagaStates.NEW.equals(state)) {
                    throw new IllegalStateException("Migration " + migration + ": " + version.definition()
                            + " has no running state " + state + " (it has " + version.model().states() + ")");
                }
            }
        }
    }
}
