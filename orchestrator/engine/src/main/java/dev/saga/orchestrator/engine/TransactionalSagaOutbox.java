package dev.saga.orchestrator.engine;

import dev.saga.messaging.Envelope;
import dev.saga.messaging.Outbox;
import org.springframework.stereotype.Component;

/** The engine's outbox in PostgreSQL: rows committed with the saga's move, published by the relay after commit. */
@Component
class TransactionalSagaOutbox implements SagaOutbox {

    private final Outbox outbox;

    TransactionalSagaOutbox(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void add(String exchange, String routingKey, Envelope envelope, Object payload) {
        outbox.add(exchange, routingKey, envelope, payload);
    }
}
