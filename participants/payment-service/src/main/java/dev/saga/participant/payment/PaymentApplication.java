package dev.saga.participant.payment;

import dev.saga.participant.kit.ServiceLauncher;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The payment participant: holds, voids and captures order amounts on customer accounts. */
@SpringBootApplication
public class PaymentApplication {

    public static void main(String[] args) {
        ServiceLauncher.run(PaymentApplication.class, "payment", args);
    }
}
