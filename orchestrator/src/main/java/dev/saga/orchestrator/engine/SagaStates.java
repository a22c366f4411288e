package dev.saga.orchestrator.engine;

/**
 * The states of a saga's machine: {@code NEW}, one state per forward step (named as the step), one per
 * compensation ({@code compensate-<step>}), and the terminal {@code COMPLETED} and {@code COMPENSATED}.
 */
public final class SagaStates {

    public static final String NEW = "NEW";
    public static final String COMPLETED = "COMPLETED";
    public static final String COMPENSATED = "COMPENSATED";
    private static final String COMPENSATE = "compensate-";

    private SagaStates() {
    }

    public static String compensating(String step) {
        return COMPENSATE + step;
    }

    public static boolean isCompensation(String state) {
        return state.startsWith(COMPENSATE);
    }

    /** The step a state belongs to: {@code reserve-stock} for both the step and its compensation. */
    public static String stepOf(String state) {
        return isCompensation(state) ? state.substring(COMPENSATE.length()) : state;
    }

    public static boolean isTerminal(String state) {
        return COMPLETED.equals(state) || COMPENSATED.equals(state);
    }

    public static SagaStatus statusOf(String state) {
        if (COMPLETED.equals(state)) {
            return SagaStatus.COMPLETED;
        }
        if (COMPENSATED.equals(state)) {
            return SagaStatus.COMPENSATED;
        }
        return isCompensation(state) ? SagaStatus.COMPENSATING : SagaStatus.RUNNING;
    }
}
