package dev.saga.orchestrator.engine.plan;

import dev.saga.definition.Deadline;

/**
 * One step of a saga as it runs: its participant, its kind, where it stands to the pivot, and its deadline as
 * declared ({@code declaredDeadline}, the step's own or the saga's default) and as it runs ({@code deadline}), and
 * the name of the condition it runs on ({@code condition}, null when it always runs).
 */
public record PlannedStep(String name, String participant, StepKind kind, boolean pivot, boolean retriable,
                          Deadline declaredDeadline, StepDeadline deadline, String condition) {
}
