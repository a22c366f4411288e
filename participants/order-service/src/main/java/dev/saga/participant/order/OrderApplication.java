package dev.saga.participant.order;

import dev.saga.participant.kit.ServiceLauncher;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The order service: order intake over HTTP, and the order participant of the order-fulfilment saga. */
@SpringBootApplication
public class OrderApplication {

    public static void main(String[] args) {
        ServiceLauncher.run(OrderApplication.class, "order", args);
    }
}
