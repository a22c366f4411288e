package dev.saga.orchestrator.query;

import dev.saga.definition.Deadline;
import dev.saga.definition.MessageTypes;
import dev.saga.definition.ReplyHandling;
import dev.saga.definition.SagaDefinition;
import dev.saga.definition.SagaStep;
import dev.saga.orchestrator.engine.SagaCatalog.LoadedSaga;
import dev.saga.orchestrator.engine.SagaCatalog;
import dev.saga.orchestrator.engine.plan.PlannedStep;
import dev.saga.orchestrator.engine.plan.StepDeadline;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The views of every loaded definition version, built once: definitions do not change while the orchestrator
 * runs.
 */
@Component
public class DefinitionViews {

    private final Map<String, DefinitionView> byTypeAndVersion = new LinkedHashMap<>();
    private final SagaCatalog catalog;

    DefinitionViews(SagaCatalog catalog) {
        this.catalog = catalog;
        for (LoadedSaga loaded : catalog.allVersions()) {
            byTypeAndVersion.put(key(loaded.definition().type(), loaded.definition().version()), view(loaded));
        }
    }

    /** Every loaded version of every type. */
    public List<DefinitionView> all() {
        return List.copyOf(byTypeAndVersion.values());
    }

    /** The newest version of the type, the one new sagas start on. */
    public Optional<DefinitionView> of(String type) {
        return catalog.forType(type).map(loaded -> of(type, loaded.definition().version()).orElseThrow());
    }

    public Optional<DefinitionView> of(String type, int version) {
        return Optional.ofNullable(byTypeAndVersion.get(key(type, version)));
    }

    private static String key(String type, int version) {
        return type + ":" + version;
    }

    private static <D> DefinitionView view(LoadedSaga loaded) {
        @SuppressWarnings("unchecked")
        SagaDefinition<D> definition = (SagaDefinition<D>) loaded.definition();
        List<DefinitionView.Step> steps = definition.steps().stream()
                .map(step -> step(step, loaded.plan().step(step.name()))).toList();
        List<DefinitionView.Transition> transitions = loaded.model().transitions().stream()
                .map(t -> new DefinitionView.Transition(t.source(), t.event(), t.target())).toList();
        return new DefinitionView(definition.type(), definition.version(),
                MessageTypes.nameOf(definition.start().eventType()), definition.businessKeyName(),
                definition.dataType().getSimpleName(), steps,
                definition.pivot().map(SagaStep::name).orElse(null), definition.finishWithin().orElse(null),
                loaded.model().states(),
                loaded.model().mermaid(), transitions, loaded.plan().states().stream().map(StateView::of).toList());
    }

    private static String typeName(Class<?> messageType) {
        return messageType == null ? null : MessageTypes.nameOf(messageType);
    }

    private static <D> DefinitionView.Step step(SagaStep<D> step, PlannedStep planned) {
        Deadline declared = planned.declaredDeadline();
        StepDeadline effective = planned.deadline();
        DefinitionView.Compensation compensation = step.isCompensatable()
                ? new DefinitionView.Compensation(typeName(step.compensationType()),
                        names(step.compensationReplies()))
                : null;
        return new DefinitionView.Step(step.name(), step.participant(),
                typeName(step.commandType()), names(step.successReplies()),
                names(step.failureReplies()), compensation, step.pivot(), step.retriable(),
                new DefinitionView.Deadline(declared.timeout(), declared.attempts()),
                new DefinitionView.Deadline(effective.timeout(), effective.attempts()), step.group(),
                planned.condition(), step.delay());
    }

    private static <D> List<String> names(List<ReplyHandling<D>> replies) {
        return replies.stream().map(reply -> MessageTypes.nameOf(reply.replyType())).toList();
    }
}
