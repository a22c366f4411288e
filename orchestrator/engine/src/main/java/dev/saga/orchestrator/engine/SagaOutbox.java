package dev.saga.orchestrator.engine;

import dev.saga.messaging.Envelope;

/**
 * Where the engine puts what a move sends (a step's command, a compensation, the outcome event), in the
 * transaction of the move: nothing goes out for a move that is rolled back. Production writes the messaging
 * library's transactional outbox ({@link TransactionalSagaOutbox}); the saga test kit keeps the messages in memory.
 */
public interface SagaOutbox {

    void add(String exchange, String routingKey, Envelope envelope, Object payload);
}
