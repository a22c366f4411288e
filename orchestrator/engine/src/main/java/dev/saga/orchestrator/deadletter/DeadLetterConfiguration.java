package dev.saga.orchestrator.deadletter;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The parking queues: their depths as metrics, the sweep, and the operator's actions over them. */
@Configuration(proxyBeanMethods = false)
@Import({
    RabbitManagement.class, DeadLetterActions.class, DeadLetterController.class, ParkingQueueDepths.class,
    ParkingQueueSweep.class
})
public class DeadLetterConfiguration {
}
