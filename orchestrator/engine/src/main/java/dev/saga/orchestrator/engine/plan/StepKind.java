package dev.saga.orchestrator.engine.plan;

/**
 * What a step does while a saga stands in it: sends one command to its participant and waits for the reply
 * ({@code COMMAND}, delayed or not), or sends the commands of its branches together and waits for all of them
 * ({@code GROUP}, a parallel group), or waits for a decision from outside, an operator's signal ({@code WAIT}). The
 * engine reads it from the plan entry, never from the state's name.
 */
public enum StepKind {
    COMMAND, GROUP, WAIT
}
