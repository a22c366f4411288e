package dev.saga.participant.risk;

/** What risk knows of a customer ({@code customer_standing}); a customer it does not know has no standing. */
enum Standing {
    TRUSTED,
    BLOCKED
}
