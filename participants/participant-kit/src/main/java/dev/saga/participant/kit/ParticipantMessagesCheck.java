package dev.saga.participant.kit;

import dev.saga.definition.MessageUse;
import dev.saga.messaging.MessageRegistry;

/**
 * Refuses a participant that has a handler for a message type its registry cannot read: every message of that type
 * would be parked as unknown, and the saga that sent it would resend it on every deadline. Runs with the check of
 * the context's participants, before any of their queues or consumers exists, and names each type.
 */
final class ParticipantMessagesCheck {

    private ParticipantMessagesCheck() {
    }

    static void requireRegistered(Participant participant, MessageRegistry registry) {
        registry.requireRegistered("Participant " + participant.name(), participant.handledTypes().stream()
                .map(type -> new MessageUse(type, "handled by " + participant.name())).toList());
    }
}
