package dev.saga.orchestrator.admin;

import dev.saga.definition.Deadline;
import dev.saga.definition.MessageTypes;
import dev.saga.definition.ReplyHandling;
import dev.saga.definition.SagaDefinition;
import dev.saga.definition.SagaStep;
import dev.saga.orchestrator.engine.DeadlineSettings;
import dev.saga.orchestrator.engine.SagaCatalog;
import dev.saga.orchestrator.engine.SagaCatalog.LoadedSaga;
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
class DefinitionViews {

    private final Map<String, DefinitionView> byTypeAndVersion = new LinkedHashMap<>();
    private final SagaCatalog catalog;

    DefinitionViews(SagaCatalog catalog, DeadlineSettings deadlines) {
        this.catalog = catalog;
        for (LoadedSaga loaded : catalog.allVersions()) {
            byTypeAndVersion.put(key(loaded.definition().type(), loaded.definition().version()),
                    view(loaded, deadlines));
        }
    }

    /** Every loaded version of every type. */
    List<DefinitionView> all() {
        return List.copyOf(byTypeAndVersion.values());
    }

    /** The newest version of the type, the one new sagas start on. */
    Optional<DefinitionView> of(String type) {
        return catalog.forType(type).map(loaded -> of(type, loaded.definition().version()).orElseThrow());
    }

    Optional<DefinitionView> of(String type, int version) {
        return Optional.ofNullable(byTypeAndVersion.get(key(type, version)));
    }

    private static String key(String type, int version) {
        return type + ":" + version;
    }

    private static <D> DefinitionView view(LoadedSaga loaded, DeadlineSettings deadlines) {
        @SuppressWarnings("unchecked")
        SagaDefinition<D> definition = (SagaDefinition<D>) loaded.definition();
        List<DefinitionView.Step> steps = definition.steps().stream()
                .map(step -> step(definition, step, deadlines)).toList();
        return new DefinitionView(definition.type(), definition.version(),
                MessageTypes.nameOf(definition.start().eventType()), definition.dataType().getSimpleName(), steps,
                definition.pivot().map(SagaStep::name).orElse(null), loaded.model().states(),
                loaded.model().mermaid());
    }

    private static String typeName(Class<?> messageType) {
        return messageType == null ? null : MessageTypes.nameOf(messageType);
    }

    private static <D> DefinitionView.Step step(SagaDefinition<D> definition, SagaStep<D> step,
                                                DeadlineSettings deadlines) {
        Deadline declared = definition.deadlineOf(step.name());
        Deadline effective = deadlines.effective(declared);
        DefinitionView.Compensation compensation = step.isCompensatable()
                ? new DefinitionView.Compensation(typeName(step.compensationType()),
                        names(step.compensationReplies()))
                : null;
        return new DefinitionView.Step(step.name(), step.participant(),
                typeName(step.commandType()), names(step.successReplies()),
                names(step.failureReplies()), compensation, step.pivot(), step.retriable(),
                new DefinitionView.Deadline(declared.timeout(), declared.attempts()),
                new DefinitionView.Deadline(effective.timeout(), effective.attempts()));
    }

    private static <D> List<String> names(List<ReplyHandling<D>> replies) {
        return replies.stream().map(reply -> MessageTypes.nameOf(reply.replyType())).toList();
    }
}
