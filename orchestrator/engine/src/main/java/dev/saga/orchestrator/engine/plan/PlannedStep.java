package dev.saga.orchestrator.engine.plan;

import dev.saga.definition.Deadline;
import java.time.Duration;

/**
 * One step of a saga as it runs: its participant, its kind, where it stands to the pivot, and its deadline as
 * declared ({@code declaredDeadline}, the step's own or the saga's default) and as it runs ({@code deadline}), and
 * the name of the condition it runs on ({@code condition}, null when it always runs), and how long the saga waits
 * on reaching it before it sends the command ({@code delay}, null for not at all), and the parallel group it is a
 * branch of ({@code group}, null for none). A group itself is a step of kind {@code GROUP} without a participant.
 */
public record PlannedStep(String name, String participant, StepKind kind, boolean pivot, boolean retriable,
                          Deadline declaredDeadline, StepDeadline deadline, String condition, Duration delay,
                          String group) {
}
