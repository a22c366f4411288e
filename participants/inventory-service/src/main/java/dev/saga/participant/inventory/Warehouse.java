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
import dev.saga.participant.kit.LockKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Moves units between on hand, reserved and deducted for an order. Each handler runs inside the transaction
 * that also records the command in the inbox and its reply in the outbox, after the kit took the locks the
 * handler declared: the order, and every SKU it will touch. So the commands of one order run one after the
 * other whatever the order of their delivery, and handlers touching the same stock rows never deadlock. The row
 * locks taken here only guard against a declared key that was read stale.
 */
class Warehouse {

    private static final Logger LOG = LoggerFactory.getLogger(Warehouse.class);

    /** Moves an order's reservations from one status to another and applies their units to stock, at once. */
    private static final String MOVE = """
            moved AS (UPDATE reservation SET status = ?, updated_at = now()
                      WHERE order_id = ? AND status = ? RETURNING sku, quantity)
            UPDATE stock s SET %s FROM moved m WHERE s.sku = m.sku RETURNING s.sku""";

    private final JdbcTemplate jdbc;

    Warehouse(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A reservation locks its order and the SKUs it asks for. */
    Collection<LockKey> locksForReserve(ReserveStock command) {
        List<LockKey> keys = new ArrayList<>(List.of(orderKey(command.orderId())));
        StockRules.demand(command.lines()).keySet().forEach(sku -> keys.add(skuKey(sku)));
        return keys;
    }

    /** Release, deduction and restock lock the order and the SKUs of its reservations, whatever their status. */
    Collection<LockKey> locksForOrder(UUID orderId) {
        List<LockKey> keys = new ArrayList<>(List.of(orderKey(orderId)));
        jdbc.queryForList("SELECT sku FROM reservation WHERE order_id = ?", String.class, orderId)
                .forEach(sku -> keys.add(skuKey(sku)));
        return keys;
    }

    /** Holds every line of the order or none: {@link StockReserved} or {@link StockUnavailable}. */
    ReserveStock.Reply reserve(ReserveStock command) {
        UUID orderId = command.orderId();
        SortedMap<String, Integer> demand = StockRules.demand(command.lines());
        Map<String, Integer> onHand = lockStock(demand.keySet());
        OrderState state = jdbc.queryForObject("""
                SELECT EXISTS (SELECT 1 FROM reservation WHERE order_id = ?),
                       EXISTS (SELECT 1 FROM released_order WHERE order_id = ?)""",
                (rs, i) -> new OrderState(rs.getBoolean(1), rs.getBoolean(2)), orderId, orderId);
        // Checked under the order's lock: a resend racing the first delivery sees its reservations here.
        if (state.holdsStock()) {
            LOG.info("Order {} already holds stock; not reserving twice", orderId);
            return new StockReserved(orderId);
        }
        if (state.released()) {
            LOG.info("Order {} was released before its reservation arrived; refusing it", orderId);
            return new StockUnavailable(orderId, demand.firstKey(), "order " + orderId
                    + " was cancelled before its stock was reserved");
        }
        Optional<Refusal> shortage = StockRules.shortage(demand, onHand);
        if (shortage.isPresent()) {
            LOG.info("Order {} gets no stock: {}", orderId, shortage.get().reason());
            return new StockUnavailable(orderId, shortage.get().sku(), shortage.get().reason());
        }
        jdbc.update("""
                WITH demand (sku, quantity) AS (SELECT * FROM unnest(?::text[], ?::int[])),
                     held AS (UPDATE stock s SET on_hand = s.on_hand - d.quantity, reserved = s.reserved + d.quantity
                              FROM demand d WHERE s.sku = d.sku)
                INSERT INTO reservation (order_id, sku, quantity, status)
                SELECT ?, sku, quantity, 'RESERVED' FROM demand""",
                demand.keySet().toArray(String[]::new), demand.values().toArray(Integer[]::new), orderId);
        return new StockReserved(orderId);
    }

    /**
     * Gives the held units back and remembers the order as released, so a reservation arriving later is refused;
     * answers {@link StockReleased} also when nothing is held (compensation).
     */
    StockReleased release(ReleaseStock command) {
        UUID orderId = command.orderId();
        int released = jdbc.queryForList("WITH tombstone AS (INSERT INTO released_order (order_id) VALUES (?)"
                + " ON CONFLICT DO NOTHING), " + MOVE.formatted(
                        "reserved = s.reserved - m.quantity, on_hand = s.on_hand + m.quantity"),
                String.class, orderId, "RELEASED", orderId, "RESERVED").size();
        LOG.info("Order {}: released {} reservation(s)", orderId, released);
        return new StockReleased(orderId);
    }

    /**
     * Takes the held units out for picking: {@link InventoryDeducted} or {@link InventoryDeductionFailed}. Nothing
     * held any more means a repeated deduction, which answers as the first did; deducting an order that never held
     * stock, or whose stock was released, is a command out of order: failing lets it be retried and finally parked
     * for an operator instead of inventing an answer.
     */
    DeductInventory.Reply deduct(DeductInventory command) {
        UUID orderId = command.orderId();
        SortedMap<String, String> warehouseStatus = new TreeMap<>();
        SortedSet<String> statuses = new TreeSet<>();
        jdbc.query("""
                SELECT r.sku, r.status, s.warehouse_status FROM reservation r JOIN stock s ON s.sku = r.sku
                WHERE r.order_id = ? ORDER BY s.sku FOR UPDATE OF s""",
                rs -> {
                    statuses.add(rs.getString("status"));
                    if ("RESERVED".equals(rs.getString("status"))) {
                        warehouseStatus.put(rs.getString("sku"), rs.getString("warehouse_status"));
                    }
                }, orderId);
        if (warehouseStatus.isEmpty()) {
            if (statuses.equals(new TreeSet<>(List.of("DEDUCTED")))) {
                return new InventoryDeducted(orderId);
            }
            throw new IllegalStateException("Order " + orderId + " holds no stock to deduct (reservations: "
                    + describe(statuses) + ")");
        }
        Optional<Refusal> unpickable = StockRules.unpickable(warehouseStatus);
        if (unpickable.isPresent()) {
            LOG.info("Order {} cannot be deducted: {}", orderId, unpickable.get().reason());
            return new InventoryDeductionFailed(orderId, unpickable.get().sku(), unpickable.get().reason());
        }
        jdbc.queryForList("WITH " + MOVE.formatted("reserved = s.reserved - m.quantity, deducted = s.deducted"
                + " + m.quantity"), String.class, "DEDUCTED", orderId, "RESERVED");
        return new InventoryDeducted(orderId);
    }

    /**
     * Puts the units deducted for a cancelled order back on hand: {@link StockRestocked}, again when already
     * restocked. An order with nothing deducted is a command out of order; failing lets it be retried and
     * finally parked for an operator.
     */
    StockRestocked restock(RestockOrder command) {
        UUID orderId = command.orderId();
        int restocked = jdbc.queryForList("WITH " + MOVE.formatted("deducted = s.deducted - m.quantity,"
                + " on_hand = s.on_hand + m.quantity"), String.class, "RESTOCKED", orderId, "DEDUCTED").size();
        if (restocked == 0) {
            SortedSet<String> statuses = new TreeSet<>(jdbc.queryForList(
                    "SELECT status FROM reservation WHERE order_id = ?", String.class, orderId));
            if (!statuses.equals(new TreeSet<>(List.of("RESTOCKED")))) {
                throw new IllegalStateException("Order " + orderId + " has nothing deducted to restock (reservations: "
                        + describe(statuses) + ")");
            }
        }
        LOG.info("Order {}: restocked {} line(s)", orderId, restocked);
        return new StockRestocked(orderId);
    }

    /** Locks the stock rows of the given SKUs; returns on_hand per SKU that exists. */
    private Map<String, Integer> lockStock(Collection<String> skus) {
        Map<String, Integer> onHand = new HashMap<>();
        if (skus.isEmpty()) {
            return onHand;
        }
        jdbc.query("SELECT sku, on_hand FROM stock WHERE sku = ANY(?) ORDER BY sku FOR UPDATE",
                rs -> {
                    onHand.put(rs.getString("sku"), rs.getInt("on_hand"));
                }, (Object) skus.toArray(String[]::new));
        return onHand;
    }

    private static String describe(SortedSet<String> statuses) {
        return statuses.isEmpty() ? "none" : String.join(", ", statuses);
    }

    static LockKey orderKey(UUID orderId) {
        return LockKey.of("order", orderId);
    }

    static LockKey skuKey(String sku) {
        return LockKey.of("sku", sku);
    }

    /** What an order already did: whether it holds stock, and whether it was released. */
    private record OrderState(boolean holdsStock, boolean released) {
    }
}
