package dev.saga.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.saga.contract.order.ApproveOrder;
import dev.saga.contract.order.OrderApproved;
import dev.saga.contract.payment.AuthorizePayment;
import dev.saga.contract.schema.MessageContract;
import dev.saga.definition.MessageUse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The registry of a process is what its application contributes, merged: a registered type without its stored
 * schema, and a used type nobody registered, stop the start-up naming the type.
 */
class MessageRegistryTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(RegistryOfTheLibrary.class);

    @Test
    void mergesEveryContractBeanTheApplicationDeclares() {
        context.withUserConfiguration(OrderApproval.class, PaymentAuthorization.class).run(started -> {
            MessageRegistry registry = started.getBean(MessageRegistry.class);

            assertThat(registry.types().all()).containsExactlyInAnyOrder(ApproveOrder.class, OrderApproved.class,
                    AuthorizePayment.class);
            assertThat(registry.contract().upcasters().all()).containsExactly(AuthorizePayment.FROM_V1);
        });
    }

    @Test
    void refusesTwoContractBeansThatRegisterDifferentRecordsUnderOneName() {
        context.withUserConfiguration(OrderApproval.class, ClashingApproval.class).run(started ->
                assertThat(started).getFailure().rootCause().isInstanceOf(IllegalArgumentException.class)
                        .hasMessageStartingWith("Two message types named order.ApproveOrder: "
                                + ApproveOrder.class.getName() + " and "
                                + com.acme.order.ApproveOrder.class.getName()));
    }

    @Test
    void aRegisteredTypeWithoutAStoredSchemaStopsTheStartNamingItAndTheCommand() {
        context.withUserConfiguration(UnstoredMessage.class).run(started ->
                assertThat(started).getFailure().rootCause().isInstanceOf(MessageRegistrationException.class)
                        .hasMessageContaining("messaging.ScheduleDrone: v1 is not stored; store it with SchemaRelease")
                        .hasMessageEndingWith("Store them with dev.saga.contract.schema.SchemaRelease <schemas folder> "
                                + "<contract class or package>."));
    }

    @Test
    void aUsedTypeNobodyRegisteredIsNamedWithWhereItIsUsedAndTheBeanThatFixesIt() {
        MessageRegistry registry = MessageRegistry.of(MessageContract.of(ApproveOrder.class));

        assertThatThrownBy(() -> registry.requireRegistered("Participant order", List.of(
                new MessageUse(ApproveOrder.class, "handled by order"),
                new MessageUse(ScheduleDrone.class, "handled by order"))))
                .isInstanceOfSatisfying(MessageRegistrationException.class, e -> {
                    assertThat(e.problems()).containsExactly("messaging.ScheduleDrone ("
                            + ScheduleDrone.class.getName() + ", handled by order)");
                    assertThat(e.getMessage()).startsWith("Participant order uses message types that no "
                            + "MessageContract bean registers: messaging.ScheduleDrone")
                            .contains("MessageContract.of(MessageRegistryTest.ScheduleDrone.class, ...)");
                    assertThat(e.action()).contains("SchemaRelease");
                });
    }

    @Test
    void aUsedRecordWhoseNameAnotherRecordTookIsNamedWithBoth() {
        MessageRegistry registry = MessageRegistry.of(MessageContract.of(ApproveOrder.class));

        assertThatThrownBy(() -> registry.requireRegistered("Saga approval v1", List.of(
                new MessageUse(com.acme.order.ApproveOrder.class, "step approve command"))))
                .isInstanceOfSatisfying(MessageRegistrationException.class, e -> assertThat(e.problems())
                        .singleElement().asString().endsWith(": the name is registered for "
                                + ApproveOrder.class.getName()));
    }

    @Test
    void aProcessWithEverythingRegisteredStarts() {
        MessageRegistry registry = MessageRegistry.of(MessageContract.of(ApproveOrder.class));

        registry.requireRegistered("Participant order", List.of(new MessageUse(ApproveOrder.class, "handled")));
    }

    /** A record of this test: no schema is stored for it. */
    record ScheduleDrone(String orderId) {
    }

    /** The registry bean exactly as the library declares it. */
    @Configuration(proxyBeanMethods = false)
    static class RegistryOfTheLibrary {

        @Bean
        MessageRegistry messageRegistry(ObjectProvider<MessageContract> contributions) {
            return new MessagingConfiguration().messageRegistry(contributions);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OrderApproval {

        @Bean
        MessageContract orderApproval() {
            return MessageContract.of(ApproveOrder.class, OrderApproved.class);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class PaymentAuthorization {

        @Bean
        MessageContract paymentAuthorization() {
            return MessageContract.of(List.of(AuthorizePayment.class, ApproveOrder.class),
                    List.of(AuthorizePayment.FROM_V1));
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UnstoredMessage {

        @Bean
        MessageContract drones() {
            return MessageContract.of(ScheduleDrone.class);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class ClashingApproval {

        @Bean
        MessageContract clashing() {
            return MessageContract.of(com.acme.order.ApproveOrder.class);
        }
    }
}
