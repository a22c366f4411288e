package dev.saga.testbed;

import java.util.Map;

/**
 * What must never change while the system runs: units per SKU (on hand + reserved + deducted) and balance
 * minus ledger per account. Taken before the first order of a scenario.
 */
public record Baseline(Map<String, Long> stockPerSku, Map<String, Long> moneyPerAccount) {

    static final String STOCK = "SELECT sku, on_hand + reserved + deducted FROM inventory.stock";
    static final String MONEY = """
            SELECT a.id, a.balance_cents - coalesce(sum(l.amount_cents), 0) FROM payment.account a
            LEFT JOIN payment.ledger_entry l ON l.account_id = a.id GROUP BY a.id, a.balance_cents""";

    public Baseline {
        stockPerSku = Map.copyOf(stockPerSku);
        moneyPerAccount = Map.copyOf(moneyPerAccount);
    }

    public static Baseline of(Tables tables) {
        return new Baseline(tables.totals(STOCK), tables.totals(MONEY));
    }
}
