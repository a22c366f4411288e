package com.acme.loans;

import java.util.UUID;

/** A command of an adopter's own contract, outside the library's packages. */
public record ApplyForLoan(UUID loanId, String applicant, Money amount) {
}
