package dev.saga.orchestrator.engine;

import dev.saga.definition.SagaDefinition;
import dev.saga.orchestrator.engine.machine.ReusedStateMachineTransitions;
import dev.saga.orchestrator.engine.machine.SagaMachineModel;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The loaded saga definitions, each with its state machine built once at start-up. */
public class SagaCatalog {

    /** A definition ready to run. */
    public record LoadedSaga(SagaDefinition<?> definition, SagaMachineModel model, SagaTransitions transitions) {
    }

    private final Map<String, LoadedSaga> byType = new LinkedHashMap<>();

    public SagaCatalog(List<SagaDefinition<?>> definitions) {
        for (SagaDefinition<?> definition : definitions) {
            SagaMachineModel model = SagaMachineModel.of(definition);
            LoadedSaga loaded = new LoadedSaga(definition, model, new ReusedStateMachineTransitions(model));
            if (byType.put(definition.type(), loaded) != null) {
                throw new IllegalStateException("Saga type " + definition.type() + " is defined twice");
            }
        }
    }

    public Collection<LoadedSaga> all() {
        return byType.values();
    }

    public Optional<LoadedSaga> forType(String type) {
        return Optional.ofNullable(byType.get(type));
    }

    /** The saga a domain event starts, if any. */
    public Optional<LoadedSaga> startedBy(Class<?> eventType) {
        return byType.values().stream().filter(s -> s.definition().start().eventType() == eventType).findFirst();
    }
}
