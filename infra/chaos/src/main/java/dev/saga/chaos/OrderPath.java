package dev.saga.chaos;

import java.util.Random;

/**
 * The saga's paths, each triggered by the seeded data as a customer would (no flags in messages):
 * {@code SKU-RARE} has no stock, {@code bob} cannot afford a book, {@code SKU-DAMAGED} and {@code SKU-RECOUNT}
 * are reserved but cannot be picked.
 */
enum OrderPath {
    HAPPY("happy", "COMPLETED", 40),
    STOCK_UNAVAILABLE("stock unavailable", "COMPENSATED", 20),
    PAYMENT_DECLINED("payment declined", "COMPENSATED", 20),
    DEDUCTION_FAILED("inventory deduction failed", "COMPENSATED", 20);

    private final String label;
    private final String expectedStatus;
    private final int weight;

    OrderPath(String label, String expectedStatus, int weight) {
        this.label = label;
        this.expectedStatus = expectedStatus;
        this.weight = weight;
    }

    String label() {
        return label;
    }

    String expectedStatus() {
        return expectedStatus;
    }

    static OrderPath pick(Random random) {
        int draw = random.nextInt(100);
        for (OrderPath path : values()) {
            draw -= path.weight;
            if (draw < 0) {
                return path;
            }
        }
        return HAPPY;
    }

    /** The order's JSON body for {@code POST /orders}. */
    String orderJson(Random random) {
        boolean first = random.nextBoolean();
        return switch (this) {
            case HAPPY -> order(first ? "alice" : "carol", first ? "SKU-BOOK" : "SKU-MUG", 1 + random.nextInt(2));
            case STOCK_UNAVAILABLE -> order("alice", "SKU-RARE", 1);
            case PAYMENT_DECLINED -> order("bob", "SKU-BOOK", 1);
            case DEDUCTION_FAILED -> order(first ? "alice" : "carol", first ? "SKU-DAMAGED" : "SKU-RECOUNT", 1);
        };
    }

    private static String order(String customer, String sku, int quantity) {
        return "{\"customerId\":\"" + customer + "\",\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":" + quantity
                + "}]}";
    }
}
