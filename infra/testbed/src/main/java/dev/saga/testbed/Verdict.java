package dev.saga.testbed;

/**
 * One invariant, checked: what it says, whether it held, and what was seen, so that a failure names its
 * evidence rather than only its name.
 */
public record Verdict(String invariant, boolean holds, String evidence) {

    public static Verdict of(boolean holds, String invariant, Object evidence) {
        return new Verdict(invariant, holds, String.valueOf(evidence));
    }

    /** {@code invariant: evidence}, as reports and assertion messages print it. */
    public String describe() {
        return invariant + ": " + evidence;
    }
}
