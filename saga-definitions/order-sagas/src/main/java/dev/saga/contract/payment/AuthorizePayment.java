package dev.saga.contract.payment;

import dev.saga.contract.Command;
import dev.saga.contract.MessageVersion;
import dev.saga.contract.schema.Upcaster;
import java.util.UUID;

/**
 * Command: hold the order amount, in the given currency, on the customer's account.
 *
 * <p>Version 2 added the required {@code currency}; a version 1 command meant euros, and {@link #FROM_V1}
 * says so to the readers of old commands.
 */
@MessageVersion(2)
public record AuthorizePayment(UUID orderId, String accountId, long amountCents, String currency)
        implements Command<AuthorizePayment.Reply> {

    /** What answers {@code AuthorizePayment}. */
    public sealed interface Reply permits PaymentAuthorized, PaymentDeclined {
    }

    /** The currency of every order until orders carry their own. */
    public static final String EURO = "EUR";

    /** Version 1 had no currency: every amount was in euros. */
    public static final Upcaster FROM_V1 = Upcaster.from(AuthorizePayment.class, 1,
            json -> json.has("currency") ? json : json.put("currency", EURO));

    /** An authorization in euros. */
    public AuthorizePayment(UUID orderId, String accountId, long amountCents) {
        this(orderId, accountId, amountCents, EURO);
    }
}
