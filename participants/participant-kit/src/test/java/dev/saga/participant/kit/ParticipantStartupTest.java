package dev.saga.participant.kit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saga.contract.inventory.ReserveStock;
import dev.saga.contract.inventory.StockReserved;
import dev.saga.contract.payment.PaymentDeclined;
import dev.saga.contract.schema.MessageContract;
import dev.saga.messaging.MessageRegistrationException;
import dev.saga.messaging.MessageRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;

/** What stops a participant service before it consumes anything: the kit's checks, as a context meets them. */
class ParticipantStartupTest {

    private final ApplicationContextRunner kit = new ApplicationContextRunner()
            .withBean(ParticipantBeans.class, ParticipantBeans::new);

    @Test
    void aHandlerReturningAnotherCommandsReplyStopsTheStartNamingCommandHandlerAndReplies() {
        kit.withUserConfiguration(WrongReply.class).run(context -> assertThat(rootCause(context.getStartupFailure()))
                .hasMessage("Participant inventory: the handler of ReserveStock"
                        + " (ParticipantStartupTest.WrongReply::decline) returns PaymentDeclined, which is not a reply"
                        + " ReserveStock declares; its replies are StockReserved, StockUnavailable"));
    }

    @Test
    void aHandlerOfATypeNobodyRegisteredStopsTheStartNamingTheType() {
        kit.withBean(MessageRegistry.class, () -> MessageRegistry.of(MessageContract.of(StockReserved.class)))
                .withUserConfiguration(Reserving.class).run(context -> assertThat(rootCause(context
                        .getStartupFailure())).isInstanceOf(MessageRegistrationException.class)
                        .hasMessageStartingWith("Participant inventory uses message types that no MessageContract"
                                + " bean registers: inventory.ReserveStock (" + ReserveStock.class.getName()
                                + ", handled by inventory)"));
    }

    @Test
    void twoParticipantsOfOneNameStopTheStart() {
        kit.withUserConfiguration(TwoOfOneName.class).run(context -> assertThat(rootCause(context
                .getStartupFailure())).hasMessage("Two Participant beans are named inventory"));
    }

    @Test
    void aContextWithoutParticipantStopsTheStart() {
        kit.run(context -> assertThat(rootCause(context.getStartupFailure()))
                .hasMessageStartingWith("ParticipantConfiguration is imported into a context that declares no"
                        + " Participant bean"));
    }

    private static Throwable rootCause(Throwable failure) {
        assertThat(failure).as("start-up failure").isNotNull();
        return NestedExceptionUtils.getMostSpecificCause(failure);
    }

    @Configuration(proxyBeanMethods = false)
    static class WrongReply {
        static PaymentDeclined decline(ReserveStock command) {
            return new PaymentDeclined(command.orderId(), "wrong reply");
        }

        @Bean
        @SuppressWarnings({"unchecked", "rawtypes"})
        Participant inventory() {
            CommandHandler handler = (CommandHandler<ReserveStock, PaymentDeclined>) WrongReply::decline;
            return Participant.named("inventory").handles(ReserveStock.class, handler).build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class TwoOfOneName {
        @Bean
        Participant inventory() {
            return Participant.named("inventory").build();
        }

        @Bean
        Participant stock() {
            return Participant.named("inventory").build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Reserving {
        @Bean
        Participant inventory() {
            return Participant.named("inventory")
                    .handles(ReserveStock.class, command -> new StockReserved(command.orderId())).build();
        }
    }
}
