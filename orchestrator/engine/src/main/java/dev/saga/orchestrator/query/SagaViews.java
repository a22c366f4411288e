package dev.saga.orchestrator.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.saga.orchestrator.engine.SagaCatalog;
import dev.saga.orchestrator.engine.SagaInstance;
import dev.saga.orchestrator.engine.SagaNotFoundException;
import dev.saga.orchestrator.engine.SagaRepository;
import dev.saga.orchestrator.engine.SagaTimeline;
import dev.saga.orchestrator.engine.plan.OperatorAction;
import dev.saga.orchestrator.engine.plan.PlannedState;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Reads sagas, one with its timeline, and turns them into what the admin API shows. */
@Component
public class SagaViews {

    private final SagaCatalog catalog;
    private final SagaRepository sagas;
    private final SagaTimeline timeline;
    private final ObjectMapper json;

    SagaViews(SagaCatalog catalog, SagaRepository sagas, SagaTimeline timeline, ObjectMapper json) {
        this.catalog = catalog;
        this.sagas = sagas;
        this.timeline = timeline;
        this.json = json;
    }

    public SagaDetails details(UUID id) {
        return details(sagas.find(id).orElseThrow(() -> new SagaNotFoundException(id)));
    }

    /** The saga of this type for this business key, if there is one. */
    public Optional<SagaDetails> byBusinessKey(String type, String businessKey) {
        return sagas.findByBusinessKey(type, businessKey).map(this::details);
    }

    public SagaDetails details(SagaInstance saga) {
        List<PlannedState<?>> positions = catalog.positionsOf(saga);
        List<OperatorAction> actions = positions.size() == 1
                ? OperatorAction.allowedAt(saga.status(), positions.get(0)) : List.of();
        return SagaDetails.of(SagaSummary.of(saga, positions), actions, data(saga), timeline.of(saga.id()));
    }

    /** Where the saga stands, read in its definition's plan. */
    public SagaSummary summary(SagaInstance saga) {
        return SagaSummary.of(saga, catalog.positionsOf(saga));
    }

    private JsonNode data(SagaInstance saga) {
        try {
            return json.readTree(saga.data());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Saga " + saga.id() + " has unreadable data", e);
        }
    }
}
