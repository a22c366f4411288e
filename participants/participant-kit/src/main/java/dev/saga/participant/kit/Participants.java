package dev.saga.participant.kit;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every participant of one application context, checked to be able to live side by side: they share the
 * context's inbox, so two of them must never both receive one message (a message id handled by one would be a
 * duplicate to the other), and their names and queues must differ.
 */
final class Participants {

    private final List<Participant> all;

    /** Refuses participants that cannot share one context. */
    Participants(List<Participant> participants) {
        checkSideBySide(participants);
        this.all = List.copyOf(participants);
    }

    List<Participant> all() {
        return all;
    }

    private static void checkSideBySide(List<Participant> participants) {
        Map<String, Participant> byName = new HashMap<>();
        Map<String, Participant> byQueue = new HashMap<>();
        for (Participant participant : participants) {
            Participant sameName = byName.putIfAbsent(participant.name(), participant);
            if (sameName != null) {
                throw new IllegalStateException("Two Participant beans are named " + participant.name());
            }
            Participant sameQueue = byQueue.putIfAbsent(participant.queue(), participant);
            if (sameQueue != null) {
                throw new IllegalStateException("Participants " + sameQueue.name() + " and " + participant.name()
                        + " both consume " + participant.queue());
            }
        }
        for (int i = 0; i < participants.size(); i++) {
            for (int j = i + 1; j < participants.size(); j++) {
                refuseSharedMessages(participants.get(i), participants.get(j));
            }
        }
    }

    private static void refuseSharedMessages(Participant one, Participant other) {
        if (!one.exchange().equals(other.exchange())) {
            return;
        }
        for (String key : one.bindingKeys()) {
            for (String otherKey : other.bindingKeys()) {
                if (TopicPatterns.overlap(key, otherKey)) {
                    throw new IllegalStateException("Participants " + one.name() + " and " + other.name()
                            + " both bind " + one.exchange() + " with keys that can match one message (" + key
                            + " and " + otherKey + "); in one context they share one inbox, so only one of them"
                            + " would handle it. Give them disjoint keys, or run them in separate contexts.");
                }
            }
        }
    }
}
