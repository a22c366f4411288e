package dev.saga.orchestrator.engine.plan;

/**
 * The names of a saga's machine states, as the machine is built with them and the saga rows store them:
 * {@code NEW}, one state per forward step (named as the step), one per compensation ({@code compensate-<step>}),
 * and the terminal {@code COMPLETED} and {@code COMPENSATED}. Nothing reads meaning back out of a name: each
 * state is resolved once into its entry of the definition's plan ({@code engine.plan.SagaPlan}).
 */
public final class SagaStates {

    public static final String NEW = "NEW";
    public static final String COMPLETED = "COMPLETED";
    public static final String COMPENSATED = "COMPENSATED";
    private static final String COMPENSATE = "compensate-";

    private SagaStates() {
    }

    /** The name of the state that undoes {@code step}. */
    public static String compensating(String step) {
        return COMPENSATE + step;
    }
}
