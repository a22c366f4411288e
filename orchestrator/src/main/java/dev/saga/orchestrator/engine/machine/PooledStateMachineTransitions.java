package dev.saga.orchestrator.engine.machine;

import dev.saga.orchestrator.engine.SagaEvent;
import dev.saga.orchestrator.engine.SagaStates;
import dev.saga.orchestrator.engine.SagaTransitions;
import java.util.HashSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.statemachine.StateMachine;
import org.springframework.statemachine.StateMachineEventResult;
import org.springframework.statemachine.config.StateMachineBuilder;
import org.springframework.statemachine.config.StateMachineFactory;
import org.springframework.statemachine.support.DefaultStateMachineContext;
import reactor.core.publisher.Mono;

/**
 * {@link SagaTransitions} on Spring Statemachine. The machine factory is configured once per definition;
 * machines are pooled and, for each event, reset to the saga's persisted state and fired: restoring a pooled
 * machine costs tens of microseconds, building one ten times more.
 */
public class PooledStateMachineTransitions implements SagaTransitions {

    private final SagaMachineModel model;
    private final StateMachineFactory<String, SagaEvent> factory;
    private final BlockingQueue<StateMachine<String, SagaEvent>> idle;

    public PooledStateMachineTransitions(SagaMachineModel model, int poolSize) {
        this.model = model;
        this.factory = factoryFor(model);
        this.idle = new ArrayBlockingQueue<>(poolSize);
    }

    @Override
    public String next(String state, SagaEvent event) {
        StateMachine<String, SagaEvent> machine = borrow();
        try {
            restore(machine, state);
            StateMachineEventResult<String, SagaEvent> result = machine
                    .sendEvent(Mono.just(MessageBuilder.withPayload(event).build())).blockLast();
            if (result == null || result.getResultType() != StateMachineEventResult.ResultType.ACCEPTED) {
                throw new IllegalStateException(model.sagaType() + ": no transition from " + state + " on " + event);
            }
            return machine.getState().getId();
        } finally {
            idle.offer(machine);
        }
    }

    @Override
    public String diagram() {
        return model.mermaid();
    }

    private StateMachine<String, SagaEvent> borrow() {
        StateMachine<String, SagaEvent> machine = idle.poll();
        return machine != null ? machine : factory.getStateMachine();
    }

    private static void restore(StateMachine<String, SagaEvent> machine, String state) {
        machine.stopReactively().block();
        machine.getStateMachineAccessor().doWithAllRegions(region -> region
                .resetStateMachineReactively(new DefaultStateMachineContext<>(state, null, null, null)).block());
        machine.startReactively().block();
    }

    private static StateMachineFactory<String, SagaEvent> factoryFor(SagaMachineModel model) {
        try {
            StateMachineBuilder.Builder<String, SagaEvent> builder = StateMachineBuilder.builder();
            builder.configureConfiguration().withConfiguration().autoStartup(false).machineId(model.sagaType());
            builder.configureStates().withStates()
                    .initial(SagaStates.NEW)
                    .states(new HashSet<>(model.states()))
                    .end(SagaStates.COMPLETED)
                    .end(SagaStates.COMPENSATED);
            var transitions = builder.configureTransitions();
            for (SagaMachineModel.Transition t : model.transitions()) {
                transitions.withExternal().source(t.source()).target(t.target()).event(t.event());
            }
            return builder.createFactory();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot build the state machine of " + model.sagaType(), e);
        }
    }
}
