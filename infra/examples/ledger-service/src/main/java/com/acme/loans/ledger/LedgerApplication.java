package com.acme.loans.ledger;

import com.acme.loans.contract.LoanMessages;
import dev.saga.contract.schema.MessageContract;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** The ledger participant: keeps the lending pool, the borrowers' payout accounts, and pays loans out. */
@SpringBootApplication
public class LedgerApplication {

    public static void main(String[] args) {
        SpringApplication.run(LedgerApplication.class, args);
    }

    /** The loan messages: what the handlers read and their replies carry. */
    @Bean
    MessageContract loanMessages() {
        return LoanMessages.ALL;
    }
}
