package dev.saga.systemtest;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.amqp.rabbit.core.RabbitAdmin;

/**
 * One running system per test class: started before the first test with its seeded totals remembered, the
 * design's invariants checked after every test, closed after the last.
 *
 * <pre>{@code @RegisterExtension static final SystemUnderTest SUT = new SystemUnderTest(RunningSystem::start);}</pre>
 */
final class SystemUnderTest implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

    private final Supplier<RunningSystem> starter;
    private RunningSystem system;
    private Invariants invariants;
    private Shop shop;

    SystemUnderTest(Supplier<RunningSystem> starter) {
        this.starter = starter;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        system = starter.get();
        invariants = Invariants.seededFrom(system.database());
        shop = new Shop(system);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        invariants.assertAllHold(new RabbitAdmin(system.rabbit()));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (system != null) {
            system.close();
        }
    }

    RunningSystem system() {
        return system;
    }

    Invariants invariants() {
        return invariants;
    }

    Shop shop() {
        return shop;
    }
}
