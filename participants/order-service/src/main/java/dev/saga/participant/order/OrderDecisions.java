package dev.saga.participant.order;

import dev.saga.contract.order.ApproveOrder;
import dev.saga.contract.order.ConfirmCancellation;
import dev.saga.contract.order.OrderApproved;
import dev.saga.contract.order.OrderCancelled;
import dev.saga.contract.order.OrderRejected;
import dev.saga.contract.order.OrderRestored;
import dev.saga.contract.order.RejectOrder;
import dev.saga.contract.order.RestoreOrder;
import dev.saga.messaging.MalformedMessageException;
import dev.saga.participant.kit.LockKey;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Settles an order when its saga ends, and its cancellation when the order-cancellation saga ends. Runs inside
 * the participant kit's transaction, under the order's lock the kit took ({@link #locks}). The expected move is
 * one conditional update; only when it does not apply is the order's status read (and locked), to tell a late
 * duplicate from a command that cannot apply. Settling an order again the same way replies again and changes
 * nothing; an order already settled the other way, or one that does not exist, can never be settled by retrying,
 * so the command is parked for an operator.
 */
@Component
class OrderDecisions {

    private static final Logger LOG = LoggerFactory.getLogger(OrderDecisions.class);

    private final Orders orders;

    OrderDecisions(Orders orders) {
        this.orders = orders;
    }

    /** Every decision locks its order, as the HTTP side's cancellation request locks the order's row. */
    static Collection<LockKey> locks(UUID orderId) {
        return List.of(LockKey.of("order", orderId));
    }

    OrderApproved approve(ApproveOrder command) {
        UUID id = command.orderId();
        if (orders.move(id, OrderStatus.PENDING, OrderStatus.APPROVED, null, null)) {
            LOG.info("Order {} approved", id);
            return new OrderApproved(id);
        }
        switch (statusOf(id)) {
            // An order being cancelled, or cancelled, was approved first: this is a late duplicate.
            case APPROVED, CANCELLING, CANCELLED -> LOG.info("Order {} was already approved", id);
            case REJECTED -> throw settledTheOtherWay(id, OrderStatus.REJECTED, "approved");
            case PENDING -> throw new IllegalStateException("Order " + id + " stayed PENDING under its lock");
        }
        return new OrderApproved(id);
    }

    OrderRejected reject(RejectOrder command) {
        UUID id = command.orderId();
        if (orders.move(id, OrderStatus.PENDING, OrderStatus.REJECTED, command.reason(), null)) {
            LOG.info("Order {} rejected: {}", id, command.reason());
            return new OrderRejected(id);
        }
        switch (statusOf(id)) {
            case REJECTED -> LOG.info("Order {} was already rejected", id);
            case APPROVED, CANCELLING, CANCELLED -> throw settledTheOtherWay(id, OrderStatus.APPROVED, "rejected");
            case PENDING -> throw new IllegalStateException("Order " + id + " stayed PENDING under its lock");
        }
        return new OrderRejected(id);
    }

    /** The cancellation was refused: the order is approved again, with the reason. */
    OrderRestored restore(RestoreOrder command) {
        UUID id = command.orderId();
        if (orders.move(id, OrderStatus.CANCELLING, OrderStatus.APPROVED, null, command.reason())) {
            LOG.info("Order {} stays approved: {}", id, command.reason());
            return new OrderRestored(id);
        }
        OrderStatus status = statusOf(id);
        switch (status) {
            case APPROVED -> LOG.info("Order {} was already restored", id);
            case PENDING, REJECTED, CANCELLED -> throw notCancelling(id, status, "restored");
            case CANCELLING -> throw new IllegalStateException("Order " + id + " stayed CANCELLING under its lock");
        }
        return new OrderRestored(id);
    }

    OrderCancelled confirmCancellation(ConfirmCancellation command) {
        UUID id = command.orderId();
        if (orders.move(id, OrderStatus.CANCELLING, OrderStatus.CANCELLED, null, null)) {
            LOG.info("Order {} cancelled", id);
            return new OrderCancelled(id);
        }
        OrderStatus status = statusOf(id);
        switch (status) {
            case CANCELLED -> LOG.info("Order {} was already cancelled", id);
            case PENDING, APPROVED, REJECTED -> throw notCancelling(id, status, "cancelled");
            case CANCELLING -> throw new IllegalStateException("Order " + id + " stayed CANCELLING under its lock");
        }
        return new OrderCancelled(id);
    }

    private static MalformedMessageException notCancelling(UUID id, OrderStatus status, String wanted) {
        return new MalformedMessageException("Order " + id + " is " + status + ", not being cancelled, so it cannot be "
                + wanted);
    }

    private OrderStatus statusOf(UUID id) {
        return orders.lockStatus(id).orElseThrow(() -> new MalformedMessageException("There is no order " + id));
    }

    private static MalformedMessageException settledTheOtherWay(UUID id, OrderStatus status, String wanted) {
        return new MalformedMessageException("Order " + id + " is already " + status + ", so it cannot be " + wanted);
    }
}
