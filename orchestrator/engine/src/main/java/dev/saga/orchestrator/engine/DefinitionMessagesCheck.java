package dev.saga.orchestrator.engine;

import dev.saga.definition.MessageUse;
import dev.saga.messaging.MessageRegistry;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Refuses to start an orchestrator that runs a saga whose messages its registry cannot read. Every type a loaded
 * definition names (the start event, each step's command, replies, compensation and its replies) must be
 * registered by a {@code MessageContract} bean; otherwise the participant would park the first command as an
 * unknown type and the saga would resend it on every deadline. Runs while the context is created, before any
 * listener starts, and names each type with the definition and step that use it.
 */
@Component
public class DefinitionMessagesCheck {

    public DefinitionMessagesCheck(SagaCatalog catalog, MessageRegistry registry) {
        List<MessageUse> uses = new ArrayList<>();
        for (SagaCatalog.LoadedSaga loaded : catalog.allVersions()) {
            loaded.definition().messageUses().forEach(use -> uses.add(new MessageUse(use.type(),
                    "saga " + loaded.definition() + " " + use.role())));
        }
        registry.requireRegistered("The orchestrator", uses);
    }
}
