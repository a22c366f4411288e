package dev.saga.participant.notification;

import dev.saga.participant.kit.ServiceLauncher;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The notification service: listens for finished sagas and records what to tell the customer. */
@SpringBootApplication
public class NotificationApplication {

    public static void main(String[] args) {
        ServiceLauncher.run(NotificationApplication.class, "notification", args);
    }
}
