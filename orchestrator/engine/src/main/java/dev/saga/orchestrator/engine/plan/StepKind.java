package dev.saga.orchestrator.engine.plan;

/**
 * What a step does while a saga stands in it. Every step today sends one command to its participant and waits
 * for the reply; a parallel group (fork and join), a wait for an outside decision and a delayed step will be
 * kinds of their own, each read by the engine through its plan entry rather than through the state's name.
 */
public enum StepKind {
    COMMAND
}
