package dev.saga.orchestrator.engine;

import dev.saga.definition.SagaDefinition;
import dev.saga.definition.SagaMigration;
import dev.saga.orchestrator.engine.machine.ReusedStateMachineTransitions;
import dev.saga.orchestrator.engine.machine.SagaMachineModel;
import dev.saga.orchestrator.engine.plan.DeadlinePolicy;
import dev.saga.orchestrator.engine.plan.PlannedState;
import dev.saga.orchestrator.engine.plan.SagaEvent;
import dev.saga.orchestrator.engine.plan.SagaPlan;
import dev.saga.orchestrator.engine.plan.SagaTransitions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The loaded saga definitions, each version with its state machine built and its states resolved into a plan once
 * at start-up, and the declared migrations between versions. New sagas start on the newest version of their type;
 * a running saga stays on the version it started with until a migration moves it.
 */
public class SagaCatalog {

    /** A definition ready to run: its machine, and the plan that says what each of the machine's states means. */
    public record LoadedSaga(SagaDefinition<?> definition, SagaMachineModel model, SagaTransitions transitions,
                             SagaPlan<?> plan) {

        /** The state the machine goes to from {@code state} on {@code event}, as planned. */
        public PlannedState<?> next(String state, SagaEvent event) {
            return plan.state(transitions.next(state, event));
        }
    }

    private final Map<String, NavigableMap<Integer, LoadedSaga>> byType = new TreeMap<>();
    private final List<SagaMigration<?, ?>> migrations;

    public SagaCatalog(List<SagaDefinition<?>> definitions, List<SagaMigration<?, ?>> migrations,
                       DeadlinePolicy deadlines) {
        for (SagaDefinition<?> definition : definitions) {
            SagaMachineModel model = SagaMachineModel.of(definition);
            LoadedSaga loaded = new LoadedSaga(definition, model, new ReusedStateMachineTransitions(model),
                    SagaPlan.of(definition, model.states(), deadlines));
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

    /**
     * Where a saga stands, read in the plan of the version it runs on. A finished saga may be on a version that is
     * no longer loaded (an unfinished one may not: {@code versions.DefinitionVersionCheck}); its state then reads
     * in the newest loaded version of its type that has a state of that name, and otherwise it has no position.
     */
    public List<PlannedState<?>> positionsOf(SagaInstance saga) {
        NavigableMap<Integer, LoadedSaga> versions = byType.getOrDefault(saga.type(), new TreeMap<>());
        LoadedSaga own = versions.get(saga.definitionVersion());
        for (LoadedSaga version : own != null ? List.of(own) : versions.descendingMap().values()) {
            List<? extends PlannedState<?>> positions = version.plan().positionsOf(saga.machineState());
            if (!positions.isEmpty()) {
                return List.copyOf(positions);
            }
        }
        return List.of();
    }

    /**
     * The machine states of a step in every loaded plan: its own and its compensation's. A name no loaded plan
     * has a step of stands for itself, so a search for it still finds what stopped there on an older version.
     */
    public Set<String> statesOfStep(String step) {
        Set<String> states = new TreeSet<>(Set.of(step));
        allVersions().forEach(version -> version.plan().states().stream()
                .filter(state -> state.hasStep() && state.step().name().equals(step))
                .forEach(state -> states.add(state.name())));
        return states;
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
                if (version.plan().find(state).filter(PlannedState::hasStep).isEmpty()) {
                    throw new IllegalStateException("Migration " + migration + ": " + version.definition()
                            + " has no running state " + state + " (it has " + version.model().states() + ")");
                }
            }
        }
    }
}
