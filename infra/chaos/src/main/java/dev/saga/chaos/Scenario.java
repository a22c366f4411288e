package dev.saga.chaos;

import java.time.Duration;

/** A fault plan, run while a scenario's orders stream in; it reports each fault's end to the context. */
interface Scenario {

    String name();

    /** One line for the report: what goes wrong. */
    String description();

    /** About how long the plan takes, so the orders can be spread over it. */
    Duration planLength();

    void inject(FaultContext faults);
}
