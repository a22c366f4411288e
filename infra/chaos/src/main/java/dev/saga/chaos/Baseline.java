package dev.saga.chaos;

import java.util.Map;

/** What must never change: units per SKU (on hand + reserved + deducted) and balance minus ledger per account. */
record Baseline(Map<String, Long> stockPerSku, Map<String, Long> moneyPerAccount) {

    static final String STOCK = "SELECT sku, on_hand + reserved + deducted FROM inventory.stock";
    static final String MONEY = """
            SELECT a.id, a.balance_cents - coalesce(sum(l.amount_cents), 0) FROM payment.account a
            LEFT JOIN payment.ledger_entry l ON l.account_id = a.id GROUP BY a.id, a.balance_cents""";

    static Baseline of(Database db) {
        return new Baseline(db.totals(STOCK), db.totals(MONEY));
    }
}
