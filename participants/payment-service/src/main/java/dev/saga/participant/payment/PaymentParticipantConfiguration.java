package dev.saga.participant.payment;

import dev.saga.contract.payment.AuthorizePayment;
import dev.saga.contract.payment.CapturePayment;
import dev.saga.contract.payment.RefundPayment;
import dev.saga.contract.payment.VoidPayment;
import dev.saga.participant.kit.Participant;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The commands the payment service answers, on queue {@code payment.commands}. */
@Configuration(proxyBeanMethods = false)
public class PaymentParticipantConfiguration {

    @Bean
    PaymentHolds paymentHolds(JdbcTemplate jdbc) {
        return new PaymentHolds(jdbc);
    }

    @Bean
    Participant paymentParticipant(PaymentHolds holds) {
        return Participant.named("payment")
                .handles(AuthorizePayment.class, holds::authorize, holds::locksForAuthorize)
                .handles(VoidPayment.class, holds::voidHold, command -> holds.locksForOrder(command.orderId()))
                .handles(CapturePayment.class, holds::capture, command -> holds.locksForOrder(command.orderId()))
                .handles(RefundPayment.class, holds::refund, command -> holds.locksForOrder(command.orderId()))
                .build();
    }
}
