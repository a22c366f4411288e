package dev.saga.test;

import dev.saga.messaging.Envelope;
import dev.saga.orchestrator.engine.SagaOutbox;
import java.util.ArrayList;
import java.util.List;

/** The engine's outbox as a list: every message in the order the moves wrote it, its payload kept as the record. */
final class InMemoryOutbox implements SagaOutbox {

    private final List<SentMessage> sent = new ArrayList<>();

    @Override
    public void add(String exchange, String routingKey, Envelope envelope, Object payload) {
        sent.add(new SentMessage(exchange, routingKey, envelope, payload));
    }

    List<SentMessage> sent() {
        return List.copyOf(sent);
    }

    int size() {
        return sent.size();
    }

    /** Forgets what a move that failed wrote, as its rolled-back transaction would. */
    void truncate(int size) {
        sent.subList(size, sent.size()).clear();
    }
}
