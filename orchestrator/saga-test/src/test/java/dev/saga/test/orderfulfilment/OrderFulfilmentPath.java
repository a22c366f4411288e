package dev.saga.test.orderfulfilment;

import dev.saga.contract.inventory.DeductInventory;
import dev.saga.contract.inventory.InventoryDeducted;
import dev.saga.contract.inventory.InventoryDeductionFailed;
import dev.saga.contract.inventory.ReleaseStock;
import dev.saga.contract.inventory.ReserveStock;
import dev.saga.contract.inventory.StockReleased;
import dev.saga.contract.inventory.StockReserved;
import dev.saga.contract.inventory.StockUnavailable;
import dev.saga.contract.order.ApproveOrder;
import dev.saga.contract.order.OrderApproved;
import dev.saga.contract.order.OrderRejected;
import dev.saga.contract.order.RejectOrder;
import dev.saga.contract.payment.AuthorizePayment;
import dev.saga.contract.payment.CapturePayment;
import dev.saga.contract.payment.PaymentAuthorized;
import dev.saga.contract.payment.PaymentCaptured;
import dev.saga.contract.payment.PaymentDeclined;
import dev.saga.contract.payment.PaymentVoided;
import dev.saga.contract.payment.VoidPayment;
import dev.saga.contract.shipping.ScheduleShipment;
import dev.saga.contract.shipping.ShipmentScheduled;
import dev.saga.definition.MessageTypes;
import dev.saga.orchestrator.engine.plan.SagaStatus;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * The order-fulfilment saga's paths as one table: how the participants answer each message the saga sends (in the
 * order it sends them), and what the saga must do on that path: the commands and the compensations it sends, in
 * order and each once (an unanswered step's resends are one message; how many there are is its deadline's
 * attempts), and the status it ends in. The saga test kit walks every path through the engine
 * ({@code OrderFulfilmentPathsTest}); the system tests bring the same paths about with real services and seeded data
 * and assert the same rows.
 */
public enum OrderFulfilmentPath {

    HAPPY(List.of(reply(StockReserved::new), reply(id -> new PaymentAuthorized(id, authorizationOf(id))),
            reply(InventoryDeducted::new), reply(PaymentCaptured::new),
            reply(id -> new ShipmentScheduled(id, shipmentOf(id))), reply(OrderApproved::new)),
            List.of(ReserveStock.class, AuthorizePayment.class, DeductInventory.class, CapturePayment.class,
                    ScheduleShipment.class, ApproveOrder.class),
            List.of(), SagaStatus.COMPLETED),

    STOCK_UNAVAILABLE(List.of(reply(id -> new StockUnavailable(id, "SKU-RARE", "SKU-RARE is out of stock")),
            reply(OrderRejected::new)),
            List.of(ReserveStock.class),
            List.of(RejectOrder.class), SagaStatus.COMPENSATED),

    PAYMENT_DECLINED(List.of(reply(StockReserved::new), reply(id -> new PaymentDeclined(id, "credit limit of bob")),
            reply(StockReleased::new), reply(OrderRejected::new)),
            List.of(ReserveStock.class, AuthorizePayment.class),
            List.of(ReleaseStock.class, RejectOrder.class), SagaStatus.COMPENSATED),

    INVENTORY_DEDUCTION_FAILED(List.of(reply(StockReserved::new),
            reply(id -> new PaymentAuthorized(id, authorizationOf(id))),
            reply(id -> new InventoryDeductionFailed(id, "SKU-DAMAGED", "SKU-DAMAGED failed its pick")),
            reply(PaymentVoided::new), reply(StockReleased::new), reply(OrderRejected::new)),
            List.of(ReserveStock.class, AuthorizePayment.class, DeductInventory.class),
            List.of(VoidPayment.class, ReleaseStock.class, RejectOrder.class), SagaStatus.COMPENSATED),

    /** Before the pivot a step that never answers is given up and undone, its own command first. */
    PAYMENT_NEVER_ANSWERS(List.of(reply(StockReserved::new), Answer.NONE,
            reply(PaymentVoided::new), reply(StockReleased::new), reply(OrderRejected::new)),
            List.of(ReserveStock.class, AuthorizePayment.class),
            List.of(VoidPayment.class, ReleaseStock.class, RejectOrder.class), SagaStatus.COMPENSATED),

    /** At or after the pivot nothing is undone: the saga waits for an operator. */
    SHIPPING_NEVER_ANSWERS(List.of(reply(StockReserved::new),
            reply(id -> new PaymentAuthorized(id, authorizationOf(id))), reply(InventoryDeducted::new),
            reply(PaymentCaptured::new), Answer.NONE),
            List.of(ReserveStock.class, AuthorizePayment.class, DeductInventory.class, CapturePayment.class,
                    ScheduleShipment.class),
            List.of(), SagaStatus.STUCK),

    /** A compensation that is never confirmed fails the saga, with the reason. */
    RELEASE_NEVER_CONFIRMED(List.of(reply(StockReserved::new),
            reply(id -> new PaymentDeclined(id, "credit limit of bob")), Answer.NONE),
            List.of(ReserveStock.class, AuthorizePayment.class),
            List.of(ReleaseStock.class), SagaStatus.FAILED);

    /** A participant's answer to one message: its reply for the order, or none to any attempt ({@link #NONE}). */
    public record Answer(Function<UUID, Object> reply) {

        public static final Answer NONE = new Answer(null);

        public boolean isNone() {
            return reply == null;
        }

        public Object replyFor(UUID orderId) {
            return reply.apply(orderId);
        }
    }

    private final List<Answer> answers;
    private final List<Class<?>> commands;
    private final List<Class<?>> compensations;
    private final SagaStatus status;

    OrderFulfilmentPath(List<Answer> answers, List<Class<?>> commands, List<Class<?>> compensations,
                        SagaStatus status) {
        this.answers = answers;
        this.commands = commands;
        this.compensations = compensations;
        this.status = status;
    }

    /** How the participants answer each message the saga sends on this path, in order. */
    public List<Answer> answers() {
        return answers;
    }

    public List<Class<?>> commands() {
        return commands;
    }

    public List<Class<?>> compensations() {
        return compensations;
    }

    public SagaStatus status() {
        return status;
    }

    /** The commands as message types, as the saga's timeline names them ({@code inventory.ReserveStock}). */
    public List<String> commandTypes() {
        return commands.stream().map(MessageTypes::nameOf).toList();
    }

    /** The compensations as message types, as the saga's timeline names them ({@code order.RejectOrder}). */
    public List<String> compensationTypes() {
        return compensations.stream().map(MessageTypes::nameOf).toList();
    }

    private static Answer reply(Function<UUID, Object> reply) {
        return new Answer(reply);
    }

    private static UUID authorizationOf(UUID orderId) {
        return UUID.nameUUIDFromBytes(("authorization " + orderId).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static UUID shipmentOf(UUID orderId) {
        return UUID.nameUUIDFromBytes(("shipment " + orderId).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
