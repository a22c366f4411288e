package dev.saga.participant.inventory;

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
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Moves units between on hand, reserved and deducted for an order. Each handler runs inside the transaction
 * that also records the command in the inbox and its reply in the outbox. Stock rows are always locked
 * first and in SKU order, then the order's reservation rows, so concurrent commands never deadlock.
 */
class Warehouse {

    private static final Logger LOG = LoggerFactory.getLogger(Warehouse.class);

    private final JdbcTemplate jdbc;

    Warehouse(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Holds every line of the order or none: {@link StockReserved} or {@link StockUnavailable}. */
    Record reserve(ReserveStock command) {
        UUID orderId = command.orderId();
        lockOrder(orderId);
        SortedMap<String, Integer> demand = StockRules.demand(command.lines());
        Map<String, Integer> onHand = lockStock(demand.keySet());
        // Checked under the stock locks: a resend racing the first delivery sees its reservations here.
        if (hasReservations(orderId)) {
            LOG.info("Order {} already holds stock; not reserving twice", orderId);
            return new StockReserved(orderId);
        }
        if (wasReleased(orderId)) {
            LOG.info("Order {} was released before its reservation arrived; refusing it", orderId);
            return new StockUnavailable(orderId, demand.firstKey(), "order " + orderId
                    + " was cancelled before its stock was reserved");
        }
        Optional<Refusal> shortage = StockRules.shortage(demand, onHand);
        if (shortage.isPresent()) {
            LOG.info("Order {} gets no stock: {}", orderId, shortage.get().reason());
            return new StockUnavailable(orderId, shortage.get().sku(), shortage.get().reason());
        }
        demand.forEach((sku, quantity) -> {
            jdbc.update("UPDATE stock SET on_hand = on_hand - ?, reserved = reserved + ? WHERE sku = ?",
                    quantity, quantity, sku);
            jdbc.update("INSERT INTO reservation (order_id, sku, quantity, status) VALUES (?, ?, ?, 'RESERVED')",
                    orderId, sku, quantity);
        });
        return new StockReserved(orderId);
    }

    /** Gives the held units back; answers {@link StockReleased} also when nothing is held (compensation). */
    Record release(ReleaseStock command) {
        UUID orderId = command.orderId();
        lockOrder(orderId);
        jdbc.update("INSERT INTO released_order (order_id) VALUES (?) ON CONFLICT DO NOTHING", orderId);
        lockStock(reservedSkus(orderId));
        List<Held> released = moveReservations(orderId, "RESERVED", "RELEASED",
                "UPDATE stock SET reserved = reserved - ?, on_hand = on_hand + ? WHERE sku = ?");
        LOG.info("Order {}: released {} reservation(s)", orderId, released.size());
        return new StockReleased(orderId);
    }

    /** Takes the held units out for picking: {@link InventoryDeducted} or {@link InventoryDeductionFailed}. */
    Record deduct(DeductInventory command) {
        UUID orderId = command.orderId();
        SortedMap<String, String> warehouseStatus = lockReservedStock(orderId);
        if (warehouseStatus.isEmpty()) {
            return alreadyDeducted(orderId);
        }
        Optional<Refusal> unpickable = StockRules.unpickable(warehouseStatus);
        if (unpickable.isPresent()) {
            LOG.info("Order {} cannot be deducted: {}", orderId, unpickable.get().reason());
            return new InventoryDeductionFailed(orderId, unpickable.get().sku(), unpickable.get().reason());
        }
        List<Held> deducted = moveReservations(orderId, "RESERVED", "DEDUCTED",
                "UPDATE stock SET reserved = reserved - ?, deducted = deducted + ? WHERE sku = ?");
        return new InventoryDeducted(orderId);
    }

    /**
     * Puts the units deducted for a cancelled order back on hand: {@link StockRestocked}, again when already
     * restocked. An order with nothing deducted is a command out of order; failing lets it be retried and
     * finally parked for an operator.
     */
    Record restock(RestockOrder command) {
        UUID orderId = command.orderId();
        lockOrder(orderId);
        List<String> skus = jdbc.queryForList("SELECT sku FROM reservation WHERE order_id = ? AND status = 'DEDUCTED'",
                String.class, orderId);
        lockStock(skus);
        List<Held> restocked = moveReservations(orderId, "DEDUCTED", "RESTOCKED",
                "UPDATE stock SET deducted = deducted - ?, on_hand = on_hand + ? WHERE sku = ?");
        if (restocked.isEmpty()) {
            List<String> statuses = jdbc.queryForList(
                    "SELECT DISTINCT status FROM reservation WHERE order_id = ?", String.class, orderId);
            if (!statuses.equals(List.of("RESTOCKED"))) {
                throw new IllegalStateException("Order " + orderId + " has nothing deducted to restock (reservations: "
                        + (statuses.isEmpty() ? "none" : String.join(", ", statuses)) + ")");
            }
        }
        LOG.info("Order {}: restocked {} line(s)", orderId, restocked.size());
        return new StockRestocked(orderId);
    }

    /**
     * Nothing is held any more: a repeated deduction answers as the first did. Deducting an order that never
     * held stock, or whose stock was released, is a command out of order; failing lets it be retried and
     * finally parked for an operator instead of inventing an answer.
     */

    /**
     * Moves the order's reservations in status {@code from} to {@code to} and applies each one's units to its
     * stock row with {@code stockUpdate} (parameters: quantity, quantity, sku); returns what moved.
     */
    private List<Held> moveReservations(UUID orderId, String from, String to, String stockUpdate) {
        List<Held> moved = jdbc.query("""
                UPDATE reservation SET status = ?, updated_at = now()
                WHERE order_id = ? AND status = ? RETURNING sku, quantity""",
                (rs, i) -> new Held(rs.getString("sku"), rs.getInt("quantity")), to, orderId, from);
        for (Held held : moved) {
            jdbc.update(stockUpdate, held.quantity(), held.quantity(), held.sku());
        }
        return moved;
    }
    /**
     * Reserve and release of one order run one after the other, whatever the order of their delivery; taken
     * before any stock row, so the lock order is always order, then stock.
     */
    private void lockOrder(UUID orderId) {
        jdbc.query("SELECT pg_advisory_xact_lock(?)", rs -> null,
                orderId.getMostSignificantBits() ^ orderId.getLeastSignificantBits());
    }

    private boolean wasReleased(UUID orderId) {
        return !jdbc.queryForList("SELECT 1 FROM released_order WHERE order_id = ?", Integer.class, orderId)
                .isEmpty();
    }

    private Record alreadyDeducted(UUID orderId) {
        List<String> statuses = jdbc.queryForList(
                "SELECT DISTINCT status FROM reservation WHERE order_id = ?", String.class, orderId);
        if (statuses.equals(List.of("DEDUCTED"))) {
            return new InventoryDeducted(orderId);
        }
        throw new IllegalStateException("Order " + orderId + " holds no stock to deduct (reservations: "
                + (statuses.isEmpty() ? "none" : String.join(", ", statuses)) + ")");
    }

    /** Locks the stock rows of the given SKUs in SKU order; returns on_hand per SKU that exists. */
    private Map<String, Integer> lockStock(Collection<String> skus) {
        Map<String, Integer> onHand = new HashMap<>();
        if (skus.isEmpty()) {
            return onHand;
        }
        String placeholders = String.join(", ", Collections.nCopies(skus.size(), "?"));
        jdbc.query("SELECT sku, on_hand FROM stock WHERE sku IN (" + placeholders + ") ORDER BY sku FOR UPDATE",
                rs -> {
                    onHand.put(rs.getString("sku"), rs.getInt("on_hand"));
                }, skus.toArray());
        return onHand;
    }

    /** Locks the stock rows behind the order's held reservations; returns their warehouse status per SKU. */
    private SortedMap<String, String> lockReservedStock(UUID orderId) {
        SortedMap<String, String> status = new TreeMap<>();
        jdbc.query("""
                SELECT s.sku, s.warehouse_status FROM reservation r JOIN stock s ON s.sku = r.sku
                WHERE r.order_id = ? AND r.status = 'RESERVED' ORDER BY s.sku FOR UPDATE OF s""",
                rs -> {
                    status.put(rs.getString("sku"), rs.getString("warehouse_status"));
                }, orderId);
        return status;
    }

    private List<String> reservedSkus(UUID orderId) {
        return jdbc.queryForList("SELECT sku FROM reservation WHERE order_id = ? AND status = 'RESERVED'",
                String.class, orderId);
    }

    private boolean hasReservations(UUID orderId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM reservation WHERE order_id = ?)", Boolean.class, orderId));
    }

    /** Units of one SKU that an order held. */
    private record Held(String sku, int quantity) {
    }
}
