package com.acme.loans;

import dev.saga.contract.schema.MessageContract;

/** How an adopter names its contract for the schema-store command and for its processes' beans. */
public final class LoanMessages {

    public static final MessageContract CONTRACT = MessageContract.scan("com.acme.loans");

    private LoanMessages() {
    }
}
