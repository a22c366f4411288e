package dev.saga.definition;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * A named, versioned saga: the event that starts it and its steps in business order.
 * Build one with {@link #builder(String, int, Class)}; see {@code OrderFulfilmentSaga} for an example.
 *
 * <p>Semantics the engine implements: steps with a command run in order; a failure reply before the pivot
 * compensates the earlier compensatable steps in reverse order and ends the saga compensated; the pivot
 * and the steps after it cannot fail by reply (they are retried instead).
 */
public final class SagaDefinition<D> {

    /** What a definition calls its business key unless it names it: {@code business key}. */
    public static final String DEFAULT_BUSINESS_KEY_NAME = "business key";

    private final String type;
    private final int version;
    private final Class<D> dataType;
    private final SagaStart<D> start;
    private final String businessKeyName;
    private final List<SagaStep<D>> steps;
    private final Deadline defaultDeadline;
    private final BiFunction<D, String, D> onTimeout;
    private final Duration finishWithin;

    SagaDefinition(String type, int version, Class<D> dataType, SagaStart<D> start, String businessKeyName,
                   List<SagaStep<D>> steps, Deadline defaultDeadline, BiFunction<D, String, D> onTimeout,
                   Duration finishWithin) {
        this.type = type;
        this.version = version;
        this.dataType = dataType;
        this.start = start;
        this.businessKeyName = businessKeyName;
        this.steps = List.copyOf(steps);
        this.defaultDeadline = defaultDeadline;
        this.onTimeout = onTimeout;
        this.finishWithin = finishWithin;
        SagaDefinitionRules.check(this);
    }

    public static <D> SagaDefinitionBuilder<D> builder(String type, int version, Class<D> dataType) {
        return new SagaDefinitionBuilder<>(type, version, dataType);
    }

    public String type() {
        return type;
    }

    public int version() {
        return version;
    }

    public Class<D> dataType() {
        return dataType;
    }

    public SagaStart<D> start() {
        return start;
    }

    /**
     * What operators call the business key, e.g. {@code order id}: the console labels the key with it.
     * {@value #DEFAULT_BUSINESS_KEY_NAME} unless the definition names it.
     */
    public String businessKeyName() {
        return businessKeyName;
    }

    public List<SagaStep<D>> steps() {
        return steps;
    }

    public SagaStep<D> step(String name) {
        return steps.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No step " + name + " in saga " + type));
    }

    /** How long the named step waits for a reply, and how many times its command is sent before giving up. */
    public Deadline deadlineOf(String stepName) {
        Deadline own = step(stepName).deadline();
        return own != null ? own : defaultDeadline;
    }

    /** The saga data after a step gave no reply in time, {@code why} saying which and how often it was asked. */
    public D timedOut(D data, String why) {
        return onTimeout.apply(data, why);
    }

    /** How long the whole saga may take from its start, if the definition limits it. */
    public Optional<Duration> finishWithin() {
        return Optional.ofNullable(finishWithin);
    }

    /**
     * The steps the saga stands in going forward, in order: those that send a command (branches of parallel groups
     * included) and those that wait for a decision.
     */
    public List<SagaStep<D>> forwardSteps() {
        return steps.stream().filter(SagaStep::isForward).toList();
    }

    /**
     * Where the saga stands going forward, in order: the name of each step that sends a command on its own, and of
     * each parallel group in the place of its branches.
     */
    public List<String> forwardPositions() {
        List<String> positions = new ArrayList<>();
        for (SagaStep<D> step : forwardSteps()) {
            String position = step.isBranch() ? step.group() : step.name();
            if (!positions.contains(position)) {
                positions.add(position);
            }
        }
        return positions;
    }

    /** Whether the name is one of a parallel group rather than of a step. */
    public boolean isGroup(String name) {
        return steps.stream().anyMatch(step -> name.equals(step.group()));
    }

    /** The branches of the named parallel group, in the order they were declared. */
    public List<SagaStep<D>> branchesOf(String group) {
        return steps.stream().filter(step -> group.equals(step.group())).toList();
    }

    /** The forward position after the named one ({@link #forwardPositions}), or empty after the last. */
    public Optional<String> nextForwardPosition(String position) {
        List<String> forward = forwardPositions();
        int index = forward.indexOf(position);
        return index + 1 < forward.size() ? Optional.of(forward.get(index + 1)) : Optional.empty();
    }

    /** The compensatable steps that completed before the named step, latest first: what a failure there undoes. */
    public List<SagaStep<D>> compensationsBefore(String stepName) {
        List<SagaStep<D>> undo = new ArrayList<>();
        for (SagaStep<D> step : steps) {
            if (step.name().equals(stepName)) {
                break;
            }
            if (step.isCompensatable()) {
                undo.add(0, step);
            }
        }
        return undo;
    }

    /**
     * What a step that never answered undoes: itself too (its command may have taken effect before the reply
     * was lost), then the compensatable steps before it, latest first.
     */
    public List<SagaStep<D>> compensationsAfterTimeout(String stepName) {
        List<SagaStep<D>> undo = new ArrayList<>();
        if (step(stepName).isCompensatable()) {
            undo.add(step(stepName));
        }
        undo.addAll(compensationsBefore(stepName));
        return undo;
    }

    /** The pivot step, if the saga has one. */
    public Optional<SagaStep<D>> pivot() {
        return steps.stream().filter(SagaStep::pivot).findFirst();
    }

    /**
     * What a failed parallel group undoes: its compensatable branches, latest declared first (those that failed or
     * were skipped are passed over when the saga gets there), then the compensatable steps before it.
     */
    public List<SagaStep<D>> compensationsOfGroup(String group) {
        List<SagaStep<D>> branches = branchesOf(group);
        List<SagaStep<D>> undo = new ArrayList<>(compensationsBefore(branches.get(0).name()));
        branches.stream().filter(SagaStep::isCompensatable).forEach(branch -> undo.add(0, branch));
        return undo;
    }

    /** Whether a failure at the named step, or parallel group, can still be compensated (it is before the pivot). */
    public boolean isBeforePivot(String stepName) {
        String first = isGroup(stepName) ? branchesOf(stepName).get(0).name() : stepName;
        return pivot().map(p -> steps.indexOf(step(first)) < steps.indexOf(p)).orElse(true);
    }

    /**
     * Every message type the definition names, with where: the start event, and each step's command, replies,
     * compensation and its replies, in business order. Each must be registered with the processes that run it.
     */
    public List<MessageUse> messageUses() {
        List<MessageUse> uses = new ArrayList<>();
        uses.add(new MessageUse(start.eventType(), "starts it"));
        for (SagaStep<D> step : steps) {
            String at = "step " + step.name() + " ";
            if (step.commandType() != null) {
                uses.add(new MessageUse(step.commandType(), at + "command"));
            }
            step.successReplies().forEach(r -> uses.add(new MessageUse(r.replyType(), at + "success reply")));
            step.failureReplies().forEach(r -> uses.add(new MessageUse(r.replyType(), at + "failure reply")));
            if (step.compensationType() != null) {
                uses.add(new MessageUse(step.compensationType(), at + "compensation"));
            }
            step.compensationReplies().forEach(r -> uses.add(new MessageUse(r.replyType(),
                    at + "compensation reply")));
        }
        return uses;
    }

    /** The saga id for a business key: the same key always gives the same saga, so a duplicate start is a no-op. */
    public UUID sagaIdFor(String businessKey) {
        return UUID.nameUUIDFromBytes((type + ":" + businessKey).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return type + " v" + version;
    }
}
