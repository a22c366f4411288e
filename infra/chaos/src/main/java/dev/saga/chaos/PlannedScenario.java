package dev.saga.chaos;

import java.time.Duration;
import java.util.function.Consumer;

/** A scenario made of its name, description, expected plan length and plan. */
record PlannedScenario(String name, String description, Duration planLength, Consumer<FaultContext> plan)
        implements Scenario {

    @Override
    public void inject(FaultContext faults) {
        plan.accept(faults);
    }
}
