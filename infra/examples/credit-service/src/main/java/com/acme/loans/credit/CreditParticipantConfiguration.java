package com.acme.loans.credit;

import com.acme.loans.contract.credit.CheckCredit;
import dev.saga.participant.kit.Participant;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The commands the credit service answers, on queue {@code credit.commands}. */
@Configuration(proxyBeanMethods = false)
class CreditParticipantConfiguration {

    @Bean
    CreditDesk creditDesk(JdbcTemplate jdbc) {
        return new CreditDesk(jdbc);
    }

    @Bean
    Participant creditParticipant(CreditDesk desk) {
        return Participant.named("credit")
                .handles(CheckCredit.class, desk::check, command -> desk.locksFor(command.borrowerId()))
                .build();
    }
}
