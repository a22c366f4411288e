package com.acme.loans;

import java.util.List;
import java.util.UUID;

public record LoanDeclined(UUID loanId, List<Reason> reasons) {

    /** Nested: belongs to its enclosing record's schema, never a message of its own. */
    public record Reason(String code, String text) {
    }
}
