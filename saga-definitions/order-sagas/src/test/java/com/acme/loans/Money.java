package com.acme.loans;

/** A value that messages carry, not a message: a scan leaves it out. */
public record Money(long cents, String currency) {
}
