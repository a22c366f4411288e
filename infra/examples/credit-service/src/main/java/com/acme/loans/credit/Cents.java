package com.acme.loans.credit;

/** Amounts are kept in cents; people read them with two decimals. */
final class Cents {

    private Cents() {
    }

    static String format(long cents) {
        return String.format(java.util.Locale.ROOT, "%d.%02d", cents / 100, Math.abs(cents % 100));
    }
}
