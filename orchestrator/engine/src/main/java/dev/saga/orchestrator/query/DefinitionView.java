package dev.saga.orchestrator.query;

import dev.saga.orchestrator.engine.plan.SagaEvent;
import java.time.Duration;
import java.util.List;

/**
 * A loaded saga definition as operators read it: what it calls its business key ({@code order id}, or
 * {@code business key} when it does not say), its steps in business order and its state machine, as a list of
 * state names, as a Mermaid {@code stateDiagram-v2}, and as data: its transitions and its planned states.
 * {@code finishWithin} is the whole saga's deadline (null for none).
 */
public record DefinitionView(String type, int version, String startedBy, String businessKeyName, String dataType,
                             List<Step> steps, String pivot, Duration finishWithin, List<String> states,
                             String mermaid, List<Transition> transitions, List<StateView> plan) {

    /**
     * One step. {@code command} is the message type it sends (null for a step whose forward work happened
     * before the saga); {@code deadline} is what the definition declares and {@code effectiveDeadline} what
     * runs, after the {@code saga.deadlines.*-override} settings. {@code group} is the parallel group the step is
     * a branch of, {@code condition} the name of the condition it runs on, {@code delay} how long the saga waits
     * before it sends the command (each null for none).
     */
    public record Step(String name, String participant, String command, List<String> successReplies,
                       List<String> failureReplies, Compensation compensation, boolean pivot, boolean retriable,
                       Deadline deadline, Deadline effectiveDeadline, String group, String condition,
                       Duration delay) {
    }

    /** The command that undoes a step and the replies that confirm it did. */
    public record Compensation(String command, List<String> confirmedBy) {
    }

    /** How long a reply is waited for (ISO-8601 duration) and how often the message is sent in all. */
    public record Deadline(Duration timeout, int attempts) {
    }

    /** One transition of the state machine: from a state, on an event, to a state. */
    public record Transition(String from, SagaEvent event, String to) {
    }
}
