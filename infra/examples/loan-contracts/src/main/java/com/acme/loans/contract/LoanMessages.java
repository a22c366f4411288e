package com.acme.loans.contract;

import dev.saga.contract.schema.MessageContract;

/**
 * Every message of the loan sample: the records in the sub-packages, one per owner ({@code loans}, {@code credit},
 * {@code ledger}), so a record's type name is its owner and its name ({@code credit.CheckCredit}). The orchestrator
 * and both participants declare {@link #ALL} as a {@code MessageContract} bean.
 */
public final class LoanMessages {

    public static final MessageContract ALL = MessageContract.scan("com.acme.loans.contract");

    private LoanMessages() {
    }
}
