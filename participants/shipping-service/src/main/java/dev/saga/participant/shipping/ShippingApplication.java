package dev.saga.participant.shipping;

import dev.saga.participant.kit.ServiceLauncher;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The shipping service: the shipping participant of the order-fulfilment saga. */
@SpringBootApplication
public class ShippingApplication {

    public static void main(String[] args) {
        ServiceLauncher.run(ShippingApplication.class, "shipping", args);
    }
}
