package dev.saga.messaging;

import java.util.List;
import org.springframework.amqp.AmqpException;

/** A shared exchange the service needs is not in its virtual host; says which, and how to create it. */
public class MissingExchangeException extends AmqpException {

    public MissingExchangeException(List<String> exchanges, String virtualHost) {
        super((exchanges.size() == 1 ? "Exchange " + exchanges.get(0) + " is" : "Exchanges "
                + String.join(", ", exchanges) + " are") + " missing in virtual host '" + virtualHost + "'."
                + " The saga.* exchanges are created by setup, not by the services: run infra/bin/services-up"
                + " (or import the exchanges of infra/rabbitmq/definitions.json) for this virtual host.");
    }
}
