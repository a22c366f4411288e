package dev.saga.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitAdmin;

/**
 * The console page in headless Chromium (Debian's {@code chromium}, driven by playwright-core from
 * {@code infra/console-test}; {@code .ci/run} installs both): an operator signs in, is refused with a wrong
 * password by the console itself (no Basic challenge reaches the browser, and nothing read before stays on the
 * page), signs in again, finds a compensated saga, opens its timeline, replays a dead letter after the console
 * showed where the replay goes, opens the order-fulfilment definition, whose state machine drawing must show
 * every step and every transition of the API's Mermaid text, and signs out. Every call the page makes carries
 * {@code X-Requested-By}.
 */
class ConsoleBrowserIT {

    private static final Path SCRIPT_DIR = Path.of("../console-test");
    private static final String PARKING = "orchestrator.saga-starts.dlq";
    /** The risk participant reads every new order too, so it parks the malformed one in its own queue. */
    private static final String RISK_PARKING = "risk.events.dlq";

    @Test
    void anOperatorFindsACompensatedSagaReplaysADeadLetterAndReadsTheStateMachine() throws Exception {
        Assumptions.assumeTrue(new File("/usr/bin/chromium").canExecute()
                && Files.isDirectory(SCRIPT_DIR.resolve("node_modules/playwright-core")),
                "needs chromium and 'npm ci' in infra/console-test (.ci/run installs both)");
        try (RunningSystem system = RunningSystem.start()) {
            Invariants invariants = Invariants.seededFrom(system.database());
            Shop shop = new Shop(system);
            UUID order = shop.placeOrder("bob", "SKU-BOOK", 1);
            shop.awaitSaga(order, "COMPENSATED");
            parkAMalformedOrderCreated(system);
            invariants.expectParked(PARKING);
            invariants.expectParked(RISK_PARKING);

            Path screenshot = Path.of("target", "console-compensated-saga.png").toAbsolutePath();
            Path definitionScreenshot = Path.of("target", "console-definition.png").toAbsolutePath();
            Files.deleteIfExists(screenshot);
            Files.deleteIfExists(definitionScreenshot);
            Process browser = new ProcessBuilder("node", "console.spec.mjs", system.orchestratorUrl(), "operator",
                    "operator-pass", order.toString(), PARKING, screenshot.toString(),
                    definitionScreenshot.toString())
                    .directory(SCRIPT_DIR.toFile()).redirectErrorStream(true).start();
            boolean finished = browser.waitFor(90, TimeUnit.SECONDS);
            String output = new String(browser.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(finished).as("browser run finished").isTrue();
            assertThat(browser.exitValue()).as(output).isZero();
            assertThat(screenshot).exists();
            assertThat(definitionScreenshot).exists();

            invariants.assertAllHold(new RabbitAdmin(system.rabbit()));
        }
    }

    /**
     * Cannot be read, so it is parked at once by both its readers; replayed from the orchestrator's parking queue,
     * it is parked there again (the console shows it went).
     */
    private static void parkAMalformedOrderCreated(RunningSystem system) {
        MessageProperties props = new MessageProperties();
        props.setMessageId(UUID.randomUUID().toString());
        props.setType("order.OrderCreated");
        props.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        system.rabbit().send("saga.events", "order.created",
                new Message("not json".getBytes(StandardCharsets.UTF_8), props));
        RabbitAdmin admin = new RabbitAdmin(system.rabbit());
        await().atMost(Duration.ofSeconds(20)).until(() -> admin.getQueueInfo(PARKING).getMessageCount() == 1
                && admin.getQueueInfo(RISK_PARKING).getMessageCount() == 1);
    }
}
