package dev.saga.orchestrator.engine;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a saga stands in a parallel group, as its row keeps it ({@code branches}, {@link SagaData}): each branch's
 * status, the attempt its command was last sent as, and when that attempt's reply is due. The group is settled when
 * no branch is pending any more; it succeeded if none failed or went unanswered.
 *
 * @param all the branches in the order they were declared
 */
public record Branches(Map<String, Branch> all) {

    /** What became of a branch. */
    public enum Status {
        PENDING, SUCCEEDED, FAILED, TIMED_OUT, SKIPPED
    }

    /** One branch: its status, its attempt, and when its reply is due (null once it is not pending). */
    public record Branch(Status status, int attempt, Instant due) {
    }

    public Branches {
        all = new LinkedHashMap<>(all);
    }

    public Optional<Branch> of(String branch) {
        return Optional.ofNullable(all.get(branch));
    }

    public Branches with(String branch, Branch now) {
        Map<String, Branch> changed = new LinkedHashMap<>(all);
        changed.put(branch, now);
        return new Branches(changed);
    }

    /** Every branch has answered, been given up or been skipped. */
    public boolean settled() {
        return all.values().stream().noneMatch(branch -> branch.status() == Status.PENDING);
    }

    /** Whether some branch failed by reply or went unanswered: the group has to be compensated. */
    public boolean failed() {
        return all.values().stream().anyMatch(b -> b.status() == Status.FAILED || b.status() == Status.TIMED_OUT);
    }

    /** Whether some branch failed by reply (rather than only going unanswered). */
    public boolean failedByReply() {
        return all.values().stream().anyMatch(branch -> branch.status() == Status.FAILED);
    }

    /** When the earliest pending branch's reply is due: the saga's step timer while it is in the group. */
    public Instant nextDue() {
        return all.values().stream().filter(branch -> branch.status() == Status.PENDING).map(Branch::due)
                .filter(Objects::nonNull).min(Comparator.naturalOrder()).orElse(null);
    }
}
