package com.acme.loans.ledger;

import com.acme.loans.contract.ledger.DisburseLoan;
import com.acme.loans.contract.ledger.ReleaseFunds;
import com.acme.loans.contract.ledger.ReserveFunds;
import com.acme.loans.contract.ledger.VerifyPayoutAccount;
import dev.saga.participant.kit.Participant;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The commands the ledger answers, on queue {@code ledger.commands}. */
@Configuration(proxyBeanMethods = false)
class LedgerParticipantConfiguration {

    @Bean
    LendingPool lendingPool(JdbcTemplate jdbc) {
        return new LendingPool(jdbc);
    }

    @Bean
    PayoutAccounts payoutAccounts(JdbcTemplate jdbc) {
        return new PayoutAccounts(jdbc);
    }

    @Bean
    Participant ledgerParticipant(LendingPool pool, PayoutAccounts accounts) {
        return Participant.named("ledger")
                .handles(ReserveFunds.class, pool::reserve, command -> pool.locksFor(command.loanId()))
                .handles(ReleaseFunds.class, pool::release, command -> pool.locksFor(command.loanId()))
                .handles(VerifyPayoutAccount.class, accounts::verify)
                .handles(DisburseLoan.class, pool::disburse, command -> pool.locksFor(command.loanId()))
                .build();
    }
}
