package dev.saga.participant.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.saga.contract.inventory.ReserveStock;
import dev.saga.contract.inventory.StockReserved;
import dev.saga.contract.inventory.StockUnavailable;
import dev.saga.contract.order.OrderLine;
import dev.saga.contract.payment.PaymentDeclined;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A handler's reply is the command's: the compiler refuses any other, and what slips past it (raw types, unchecked
 * casts, a null) is refused when the participant is built, naming the command, the handler and the replies the
 * command allows, or when the handler returns.
 */
class TypedHandlerTest {

    private static final ReserveStock RESERVE = new ReserveStock(UUID.randomUUID(),
            List.of(new OrderLine("SKU-BOOK", 1)));

    static StockReserved reserve(ReserveStock command) {
        return new StockReserved(command.orderId());
    }

    static PaymentDeclined declineInstead(ReserveStock command) {
        return new PaymentDeclined(command.orderId(), "not a stock reply");
    }

    @Test
    void acceptsHandlersThatReturnOneOfTheCommandsReplies() {
        Participant participant = Participant.named("inventory")
                .handles(ReserveStock.class, command -> command.lines().isEmpty()
                        ? new StockUnavailable(command.orderId(), "-", "no lines")
                        : new StockReserved(command.orderId()))
                .build();

        assertThat(participant.handlerFor(ReserveStock.class).orElseThrow().work().apply(RESERVE))
                .isEqualTo(new StockReserved(RESERVE.orderId()));
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void refusesAtStartUpAMethodDeclaredToReturnAnotherCommandsReply() {
        CommandHandler wrong = (CommandHandler<ReserveStock, PaymentDeclined>) TypedHandlerTest::declineInstead;

        assertThatIllegalStateException()
                .isThrownBy(() -> Participant.named("inventory").handles(ReserveStock.class, wrong))
                .withMessage("Participant inventory: the handler of ReserveStock (TypedHandlerTest::declineInstead)"
                        + " returns PaymentDeclined, which is not a reply ReserveStock declares; its replies are"
                        + " StockReserved, StockUnavailable");
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void refusesAtStartUpALambdaThatReturnsSomethingElse() {
        CommandHandler wrong = (CommandHandler<ReserveStock, String>) command -> "reserved";

        assertThatIllegalStateException()
                .isThrownBy(() -> Participant.named("inventory").handles(ReserveStock.class, wrong))
                .withMessageContaining("the handler of ReserveStock (a lambda in TypedHandlerTest"
                        + ".refusesAtStartUpALambdaThatReturnsSomethingElse) returns String")
                .withMessageEndingWith("its replies are StockReserved, StockUnavailable");
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void refusesAtStartUpAHandlerClassThatReturnsSomethingElse() {
        CommandHandler wrong = new DeclinesStock();

        assertThatIllegalStateException()
                .isThrownBy(() -> Participant.named("inventory").handles(ReserveStock.class, wrong))
                .withMessageContaining("the handler of ReserveStock (DeclinesStock) returns PaymentDeclined");
    }

    @Test
    void refusesNoReplyWhenTheHandlerReturns() {
        Participant participant = Participant.named("inventory")
                .handles(ReserveStock.class, command -> null)
                .build();
        MessageHandler handler = participant.handlerFor(ReserveStock.class).orElseThrow();

        assertThatIllegalStateException().isThrownBy(() -> handler.work().apply(RESERVE))
                .withMessageContaining("the handler of ReserveStock (a lambda in TypedHandlerTest")
                .withMessageContaining("returned no reply")
                .withMessageEndingWith("its replies are StockReserved, StockUnavailable");
    }

    @Test
    void namesAMethodReferenceByItsClassAndMethod() {
        HandlerSignature signature = HandlerSignature.of(
                (CommandHandler<ReserveStock, StockReserved>) TypedHandlerTest::reserve);

        assertThat(signature.name()).isEqualTo("TypedHandlerTest::reserve");
        assertThat(signature.returnType()).contains(StockReserved.class);
    }

    @Test
    void refusesTwoHandlersForOneCommand() {
        Participant.Builder builder = Participant.named("inventory").handles(ReserveStock.class,
                TypedHandlerTest::reserve);

        assertThatIllegalStateException().isThrownBy(() -> builder.handles(ReserveStock.class,
                TypedHandlerTest::reserve)).withMessage("Participant inventory has two handlers for ReserveStock");
    }

    @Test
    void refusesACommandConsumedAsAnEvent() {
        assertThatIllegalStateException().isThrownBy(() -> Participant.named("inventory")
                .consumes(ReserveStock.class, command -> { }))
                .withMessageContaining("ReserveStock as an event, but it is a command that expects a reply");
    }

    /** A handler as a class of its own, compiled against another reply. */
    static final class DeclinesStock implements CommandHandler<ReserveStock, PaymentDeclined> {
        @Override
        public PaymentDeclined handle(ReserveStock command) {
            return declineInstead(command);
        }
    }
}
