package com.acme.loans.orchestrator;

import com.acme.loans.contract.LoanMessages;
import dev.saga.contract.schema.MessageContract;
import dev.saga.definition.SagaDefinition;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The loans orchestrator: the orchestrator starter running the loan-disbursement saga. The starter brings the
 * engine, the deadlines, the admin API and its console; this class only names the saga and its messages.
 */
@SpringBootApplication
public class LoanOrchestratorApplication {

    public static void main(String[] args) {
        SpringApplication.run(LoanOrchestratorApplication.class, args);
    }

    /** Every type the saga sends or reads must be registered, or the orchestrator refuses to start. */
    @Bean
    MessageContract loanMessages() {
        return LoanMessages.ALL;
    }

    @Bean
    SagaDefinition<?> loanDisbursementSaga() {
        return LoanDisbursementSaga.DEFINITION;
    }
}
