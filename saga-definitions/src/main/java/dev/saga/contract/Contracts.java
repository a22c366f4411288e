package dev.saga.contract;

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
import dev.saga.contract.order.OrderCreated;
import dev.saga.contract.order.OrderRejected;
import dev.saga.contract.order.RejectOrder;
import dev.saga.contract.payment.AuthorizePayment;
import dev.saga.contract.payment.CapturePayment;
import dev.saga.contract.payment.PaymentAuthorized;
import dev.saga.contract.payment.PaymentCaptured;
import dev.saga.contract.payment.PaymentDeclined;
import dev.saga.contract.payment.PaymentVoided;
import dev.saga.contract.payment.VoidPayment;
import dev.saga.contract.saga.SagaFinished;
import dev.saga.contract.shipping.ScheduleShipment;
import dev.saga.contract.shipping.ShipmentScheduled;
import dev.saga.definition.MessageTypes;
import java.util.List;

/** Every message record that travels between the orchestrator and the participants, in one place. */
public final class Contracts {

    public static final MessageTypes TYPES = MessageTypes.of(List.of(
            OrderCreated.class, ApproveOrder.class, OrderApproved.class, RejectOrder.class, OrderRejected.class,
            ReserveStock.class, StockReserved.class, StockUnavailable.class,
            ReleaseStock.class, StockReleased.class,
            DeductInventory.class, InventoryDeducted.class, InventoryDeductionFailed.class,
            AuthorizePayment.class, PaymentAuthorized.class, PaymentDeclined.class,
            VoidPayment.class, PaymentVoided.class, CapturePayment.class, PaymentCaptured.class,
            ScheduleShipment.class, ShipmentScheduled.class,
            SagaFinished.class));

    private Contracts() {
    }
}
