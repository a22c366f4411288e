package com.acme.loans.credit;

/** A row of the borrower table. */
record Borrower(String id, long creditLimitCents, long outstandingCents, String status) {

    /** What the borrower may still borrow: the limit less what is outstanding, never below zero. */
    long availableCents() {
        return Math.max(0, creditLimitCents - outstandingCents);
    }
}
