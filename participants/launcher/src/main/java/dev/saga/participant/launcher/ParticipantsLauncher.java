package dev.saga.participant.launcher;

import dev.saga.participant.inventory.InventoryApplication;
import dev.saga.participant.kit.ServiceLauncher;
import dev.saga.participant.notification.NotificationApplication;
import dev.saga.participant.order.OrderApplication;
import dev.saga.participant.payment.PaymentApplication;
import dev.saga.participant.risk.RiskApplication;
import dev.saga.participant.shipping.ShippingApplication;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Runs the participant services in one JVM for the demo. Each is its own Spring application, started as it
 * would be alone ({@link ServiceLauncher}: its own {@code <name>.yml}, port and schema), so co-hosting changes
 * nothing about how a service behaves. {@code --services=order,inventory} starts a subset; every other
 * argument goes to each service, e.g. {@code --saga.database.url=...}.
 */
public final class ParticipantsLauncher {

    private static final Logger LOG = LoggerFactory.getLogger(ParticipantsLauncher.class);

    /** Every service, in start order: the saga's first participants are ready first. */
    private static final Map<String, Class<?>> SERVICES = new LinkedHashMap<>();

    static {
        SERVICES.put("order", OrderApplication.class);
        SERVICES.put("inventory", InventoryApplication.class);
        SERVICES.put("payment", PaymentApplication.class);
        SERVICES.put("shipping", ShippingApplication.class);
        SERVICES.put("notification", NotificationApplication.class);
        SERVICES.put("risk", RiskApplication.class);
    }

    private ParticipantsLauncher() {
    }

    public static void main(String[] args) {
        start(args);
    }

    /** Starts the selected services one after another; if one fails, stops those already started. */
    public static RunningParticipants start(String... args) {
        ServiceSelection selection = ServiceSelection.parse(SERVICES.keySet(), args);
        RunningParticipants running = new RunningParticipants();
        try {
            for (String name : selection.services()) {
                ConfigurableApplicationContext context = ServiceLauncher.run(SERVICES.get(name), name,
                        selection.serviceArgs());
                running.add(name, context);
                LOG.info("Started the {} service on port {} (schema {})", name, portOf(context),
                        context.getEnvironment().getProperty("spring.flyway.schemas"));
            }
        } catch (RuntimeException e) {
            running.close();
            throw e;
        }
        LOG.info("Participant services running: {}", running.names());
        return running;
    }

    private static String portOf(ConfigurableApplicationContext context) {
        return context instanceof WebServerApplicationContext web
                ? String.valueOf(web.getWebServer().getPort()) : "none";
    }
}
