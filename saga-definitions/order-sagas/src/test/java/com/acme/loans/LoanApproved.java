package com.acme.loans;

import java.util.UUID;

public record LoanApproved(UUID loanId, Money amount) {
}
