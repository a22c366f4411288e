package com.acme.loans.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saga.contract.schema.ContractCheck;
import dev.saga.contract.schema.ReleasedSchemas;
import dev.saga.definition.MessageTypes;
import org.junit.jupiter.api.Test;

/** The processes refuse to start on an unstored schema; this says so at build time, with the command to run. */
class LoanMessagesTest {

    @Test
    void storesTheSchemaOfEveryMessageType() {
        assertThat(ContractCheck.problems(LoanMessages.ALL, ReleasedSchemas.onClasspath(),
                "mvn -q -pl loan-contracts compile exec:java")).isEmpty();
    }

    @Test
    void namesEveryTypeAfterItsOwner() {
        assertThat(LoanMessages.ALL.types().all()).extracting(MessageTypes::nameOf)
                .allMatch(name -> name.matches("(loans|credit|ledger)\\.[A-Z]\\w+"))
                .contains("loans.LoanRequested", "credit.CheckCredit", "ledger.ReserveFunds");
    }
}
