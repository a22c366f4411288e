package dev.saga.orchestrator.engine.machine;

import dev.saga.orchestrator.engine.plan.SagaEvent;
import dev.saga.orchestrator.engine.plan.SagaStates;
import dev.saga.orchestrator.engine.plan.SagaTransitions;
import java.util.HashSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.statemachine.StateMachine;
import org.springframework.statemachine.StateMachineEventResult;
import org.springframework.statemachine.config.StateMachineBuilder;
import org.springframework.statemachine.config.StateMachineFactory;
import org.springframework.statemachine.support.DefaultStateMachineContext;
import reactor.core.publisher.Mono;

/**
 * {@link SagaTransitions} on Spring Statemachine. The machine factory is configured once per definition;
 * each consumer thread keeps one machine and, to answer an event, resets it to the saga's persisted state and
 * fires: restoring a machine costs tens of microseconds, building one ten times more. Keeping machines
 * thread-confined means a machine is never used by two replies at once, with no pool to lock.
 *
 * <p>The machine's transitions have no guards and no actions, so its answer for a (state, event) pair never
 * changes: each accepted pair is asked once and remembered, and later sagas in that state take the remembered
 * target without a reset. A refused pair is not remembered, so it is refused by the machine every time.
 */
public class ReusedStateMachineTransitions implements SagaTransitions {

    private final SagaMachineModel model;
    private final StateMachineFactory<String, SagaEvent> factory;
    private final ThreadLocal<StateMachine<String, SagaEvent>> perThread;
    private final Map<Move, String> accepted = new ConcurrentHashMap<>();

    /** An event in a state. */
    private record Move(String state, SagaEvent event) {
    }

    public ReusedStateMachineTransitions(SagaMachineModel model) {
        this.model = model;
        this.factory = factoryFor(model);
        this.perThread = ThreadLocal.withInitial(factory::getStateMachine);
    }

    @Override
    public String next(String state, SagaEvent event) {
        return accepted.computeIfAbsent(new Move(state, event), move -> fire(move.state(), move.event()));
    }

    private String fire(String state, SagaEvent event) {
        StateMachine<String, SagaEvent> machine = perThread.get();
        restore(machine, state);
        StateMachineEventResult<String, SagaEvent> result = machine
                .sendEvent(Mono.just(MessageBuilder.withPayload(event).build())).blockLast();
        if (result == null || result.getResultType() != StateMachineEventResult.ResultType.ACCEPTED) {
            throw new IllegalStateException(model.sagaType() + ": no transition from " + state + " on " + event);
        }
        return machine.getState().getId();
    }

    @Override
    public String diagram() {
        return model.mermaid();
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
            // COMPLETED and COMPENSATED are not declared as end states: a machine that reaches an end state
            // stays complete and ignores events after a reset, which would break its reuse for the next saga.
            // They are terminal all the same, having no outgoing transitions.
            builder.configureStates().withStates()
                    .initial(SagaStates.NEW)
                    .states(new HashSet<>(model.states()));
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
