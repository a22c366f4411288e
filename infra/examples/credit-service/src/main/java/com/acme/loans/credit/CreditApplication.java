package com.acme.loans.credit;

import com.acme.loans.contract.LoanMessages;
import dev.saga.contract.schema.MessageContract;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** The credit participant: knows each borrower's credit limit and answers how much more they may borrow. */
@SpringBootApplication
public class CreditApplication {

    public static void main(String[] args) {
        SpringApplication.run(CreditApplication.class, args);
    }

    /** The loan messages: what the handlers read and their replies carry. */
    @Bean
    MessageContract loanMessages() {
        return LoanMessages.ALL;
    }
}
