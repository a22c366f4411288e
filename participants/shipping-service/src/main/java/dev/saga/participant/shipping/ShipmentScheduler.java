package dev.saga.participant.shipping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.saga.contract.shipping.CancelShipment;
import dev.saga.contract.shipping.ScheduleShipment;
import dev.saga.contract.shipping.ShipmentAlreadyDispatched;
import dev.saga.contract.shipping.ShipmentCancelled;
import dev.saga.contract.shipping.ShipmentScheduled;
import dev.saga.participant.kit.LockKey;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Books the shipment of an order, and cancels it while it is still in the warehouse. Booking comes after the
 * order-fulfilment pivot and is retried until it succeeds, so it never fails for business reasons and never
 * books twice: an order that already has a shipment gets that shipment's id again, whichever message asked.
 * Mugs leave the warehouse the day they are booked (DISPATCHED), so their orders can no longer be cancelled.
 */
@Component
class ShipmentScheduler {

    /** What leaves the warehouse the day it is booked. */
    static final String SAME_DAY_SKU = "SKU-MUG";

    private static final Logger LOG = LoggerFactory.getLogger(ShipmentScheduler.class);

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    ShipmentScheduler(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Scheduling and cancelling lock the order; so the two, and resends of either, run one at a time. */
    static Collection<LockKey> locks(UUID orderId) {
        return List.of(LockKey.of("order", orderId));
    }

    /** Runs inside the participant kit's transaction. */
    ShipmentScheduled schedule(ScheduleShipment command) {
        String status = command.lines().stream().anyMatch(line -> SAME_DAY_SKU.equals(line.sku()))
                ? "DISPATCHED" : "SCHEDULED";
        List<UUID> inserted = jdbc.queryForList("""
                INSERT INTO shipment (id, order_id, lines, status) VALUES (?, ?, ?::jsonb, ?)
                ON CONFLICT (order_id) DO NOTHING RETURNING id""", UUID.class,
                UUID.randomUUID(), command.orderId(), linesJson(command), status);
        boolean booked = !inserted.isEmpty();
        // Under the order's lock, so a shipment booked before has committed and is visible here.
        UUID shipmentId = booked ? inserted.get(0) : jdbc.queryForObject("SELECT id FROM shipment WHERE order_id = ?",
                UUID.class, command.orderId());
        LOG.info(booked ? "Shipment {} scheduled for order {}" : "Shipment {} was already scheduled for order {}",
                shipmentId, command.orderId());
        return new ShipmentScheduled(command.orderId(), shipmentId);
    }

    /**
     * Cancels the shipment while it is in the warehouse: {@link ShipmentCancelled} (again when already
     * cancelled), or {@link ShipmentAlreadyDispatched}. An order without a shipment is a command out of order,
     * not a business outcome: failing lets it be retried and finally parked for an operator.
     */
    CancelShipment.Reply cancel(CancelShipment command) {
        UUID orderId = command.orderId();
        if (jdbc.update("""
                UPDATE shipment SET status = 'CANCELLED', updated_at = now()
                WHERE order_id = ? AND status <> 'DISPATCHED'""", orderId) == 1) {
            LOG.info("Shipment of order {} cancelled", orderId);
            return new ShipmentCancelled(orderId);
        }
        jdbc.queryForList("SELECT status FROM shipment WHERE order_id = ?", String.class, orderId).stream()
                .findFirst().orElseThrow(() -> new IllegalStateException("Order " + orderId
                        + " has no shipment to cancel"));
        LOG.info("Shipment of order {} has left the warehouse; not cancelling it", orderId);
        return new ShipmentAlreadyDispatched(orderId, "the shipment of order " + orderId + " has left the warehouse");
    }

    private String linesJson(ScheduleShipment command) {
        try {
            return json.writeValueAsString(command.lines());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write the lines of order " + command.orderId(), e);
        }
    }
}
