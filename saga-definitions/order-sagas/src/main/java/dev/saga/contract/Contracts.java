package dev.saga.contract;

import dev.saga.contract.inventory.DeductInventory;
import dev.saga.contract.inventory.InventoryDeducted;
import dev.saga.contract.inventory.InventoryDeductionFailed;
import dev.saga.contract.inventory.ReleaseStock;
import dev.saga.contract.inventory.ReserveStock;
import dev.saga.contract.inventory.RestockOrder;
import dev.saga.contract.inventory.StockReleased;
import dev.saga.contract.inventory.StockReserved;
import dev.saga.contract.inventory.StockRestocked;
import dev.saga.contract.inventory.StockUnavailable;
import dev.saga.contract.order.ApproveOrder;
import dev.saga.contract.order.ConfirmCancellation;
import dev.saga.contract.order.OrderApproved;
import dev.saga.contract.order.OrderCancellationRequested;
import dev.saga.contract.order.OrderCancelled;
import dev.saga.contract.order.OrderCreated;
import dev.saga.contract.order.OrderRejected;
import dev.saga.contract.order.OrderRestored;
import dev.saga.contract.order.RejectOrder;
import dev.saga.contract.order.RestoreOrder;
import dev.saga.contract.payment.AuthorizePayment;
import dev.saga.contract.payment.CapturePayment;
import dev.saga.contract.payment.PaymentAuthorized;
import dev.saga.contract.payment.PaymentCaptured;
import dev.saga.contract.payment.PaymentDeclined;
import dev.saga.contract.payment.PaymentRefunded;
import dev.saga.contract.payment.PaymentVoided;
import dev.saga.contract.payment.RefundPayment;
import dev.saga.contract.payment.VoidPayment;
import dev.saga.contract.risk.FraudReviewCleared;
import dev.saga.contract.risk.FraudReviewRejected;
import dev.saga.contract.schema.MessageContract;
import dev.saga.contract.schema.Upcaster;
import dev.saga.contract.schema.Upcasters;
import dev.saga.contract.shipping.CancelShipment;
import dev.saga.contract.shipping.ScheduleShipment;
import dev.saga.contract.shipping.ShipmentAlreadyDispatched;
import dev.saga.contract.shipping.ShipmentCancelled;
import dev.saga.contract.shipping.ShipmentScheduled;
import dev.saga.definition.MessageTypes;
import java.util.List;

/**
 * The order demo's messages: every record that travels between the orchestrator and the order participants, in
 * one place. The processes that use them contribute {@link #ORDER_MESSAGES} as a {@code MessageContract} bean.
 */
public final class Contracts {

    public static final MessageTypes TYPES = MessageTypes.of(List.of(
            OrderCreated.class, ApproveOrder.class, OrderApproved.class, RejectOrder.class, OrderRejected.class,
            ReserveStock.class, StockReserved.class, StockUnavailable.class,
            ReleaseStock.class, StockReleased.class,
            DeductInventory.class, InventoryDeducted.class, InventoryDeductionFailed.class,
            AuthorizePayment.class, PaymentAuthorized.class, PaymentDeclined.class,
            VoidPayment.class, PaymentVoided.class, CapturePayment.class, PaymentCaptured.class,
            ScheduleShipment.class, ShipmentScheduled.class,
            OrderCancellationRequested.class, RestoreOrder.class, OrderRestored.class,
            ConfirmCancellation.class, OrderCancelled.class,
            CancelShipment.class, ShipmentCancelled.class, ShipmentAlreadyDispatched.class,
            RefundPayment.class, PaymentRefunded.class, RestockOrder.class, StockRestocked.class,
            FraudReviewCleared.class, FraudReviewRejected.class));

    /** How older versions of the messages become the current records; see the saga-definitions README. */
    public static final Upcasters UPCASTERS = Upcasters.of(List.<Upcaster>of(
            AuthorizePayment.FROM_V1));

    /** The order demo's registration: its message types and their upcasters. */
    public static final MessageContract ORDER_MESSAGES = MessageContract.of(TYPES, UPCASTERS);

    private Contracts() {
    }
}
