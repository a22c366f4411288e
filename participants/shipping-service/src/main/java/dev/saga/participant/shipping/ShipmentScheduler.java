package dev.saga.participant.shipping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.saga.contract.shipping.ScheduleShipment;
import dev.saga.contract.shipping.ShipmentScheduled;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Books the shipment of an order. The step comes after the pivot and is retried until it succeeds, so it
 * must never fail for business reasons and never book twice: an order that already has a shipment gets that
 * shipment's id again, whichever message asked.
 */
@Component
class ShipmentScheduler {

    private static final Logger LOG = LoggerFactory.getLogger(ShipmentScheduler.class);

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    ShipmentScheduler(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Runs inside the participant kit's transaction. */
    ShipmentScheduled schedule(ScheduleShipment command) {
        boolean booked = jdbc.update("""
                INSERT INTO shipment (id, order_id, lines, status) VALUES (?, ?, ?::jsonb, 'SCHEDULED')
                ON CONFLICT (order_id) DO NOTHING""",
                UUID.randomUUID(), command.orderId(), linesJson(command)) == 1;
        UUID shipmentId = jdbc.queryForObject("SELECT id FROM shipment WHERE order_id = ?", UUID.class,
                command.orderId());
        LOG.info(booked ? "Shipment {} scheduled for order {}" : "Shipment {} was already scheduled for order {}",
                shipmentId, command.orderId());
        return new ShipmentScheduled(command.orderId(), shipmentId);
    }

    private String linesJson(ScheduleShipment command) {
        try {
            return json.writeValueAsString(command.lines());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write the lines of order " + command.orderId(), e);
        }
    }
}
