package dev.saga.testbed;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Invariants 2 and 3 of the design (§6): no unit of stock and no cent appears or disappears, and nothing stays
 * held for a saga that finished.
 */
final class ConservedStockAndMoney {

    private final Tables tables;
    private final Baseline baseline;

    ConservedStockAndMoney(Tables tables, Baseline baseline) {
        this.tables = tables;
        this.baseline = baseline;
    }

    List<Verdict> check(Expectations expected) {
        List<Verdict> verdicts = new ArrayList<>();
        checkStock(verdicts, expected);
        checkMoney(verdicts, expected);
        return verdicts;
    }

    private void checkStock(List<Verdict> verdicts, Expectations expected) {
        Map<String, Long> now = tables.totals(Baseline.STOCK);
        verdicts.add(Verdict.of(now.equals(baseline.stockPerSku()),
                "stock conserved (on hand + reserved + deducted per SKU)",
                "was " + baseline.stockPerSku() + ", now " + now));
        verdicts.add(Verdict.of(tables.totals("SELECT sku, reserved FROM inventory.stock").equals(tables.totals("""
                SELECT s.sku, coalesce(sum(r.quantity) FILTER (WHERE r.status = 'RESERVED'), 0)
                FROM inventory.stock s LEFT JOIN inventory.reservation r ON r.sku = s.sku GROUP BY s.sku""")),
                "stock reserved per SKU equals its open reservations", "reserved column and reservations differ"));
        verdicts.add(Verdict.of(tables.totals("SELECT sku, deducted FROM inventory.stock").equals(tables.totals("""
                SELECT s.sku, coalesce(sum(r.quantity) FILTER (WHERE r.status = 'DEDUCTED'), 0)
                FROM inventory.stock s LEFT JOIN inventory.reservation r ON r.sku = s.sku GROUP BY s.sku""")),
                "stock deducted per SKU equals its deducted reservations (each deduction once)",
                "deducted column and reservations differ"));
        long held = tables.count("SELECT count(*) FROM inventory.reservation WHERE status = 'RESERVED' AND "
                + expected.finished("order_id::text"));
        verdicts.add(Verdict.of(held == 0, "no stock held for finished sagas", held + " reservations"));
    }

    private void checkMoney(List<Verdict> verdicts, Expectations expected) {
        long open = tables.count("SELECT count(*) FROM payment.authorization_hold WHERE status = 'AUTHORIZED' AND "
                + expected.finished("order_id::text"));
        verdicts.add(Verdict.of(open == 0, "every authorization of a finished saga captured or voided",
                open + " still held"));
        verdicts.add(Verdict.of(tables.totals("SELECT id, held_cents FROM payment.account").equals(tables.totals("""
                SELECT a.id, coalesce(sum(h.amount_cents) FILTER (WHERE h.status = 'AUTHORIZED'), 0)
                FROM payment.account a LEFT JOIN payment.authorization_hold h ON h.account_id = a.id
                GROUP BY a.id""")), "money held per account equals its open authorizations", "they differ"));
        Map<String, Long> now = tables.totals(Baseline.MONEY);
        verdicts.add(Verdict.of(now.equals(baseline.moneyPerAccount()),
                "money conserved (balance minus ledger per account)",
                "was " + baseline.moneyPerAccount() + ", now " + now));
        long captured = tables.count("SELECT coalesce(sum(amount_cents), 0) FROM payment.authorization_hold"
                + " WHERE status = 'CAPTURED'");
        long debited = -tables.count("SELECT coalesce(sum(amount_cents), 0) FROM payment.ledger_entry");
        verdicts.add(Verdict.of(captured == debited, "captured equals debited",
                captured + " captured, " + debited + " debited"));
    }
}
