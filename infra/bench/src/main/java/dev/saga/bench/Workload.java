package dev.saga.bench;

/**
 * The orders the benchmark places. Happy-path orders spread over the bench's SKUs and customers; a share of
 * {@code failureShare} takes one of the three failure paths in turn, triggered by real data as in the demo:
 * an out-of-stock SKU (stock unavailable, nothing to compensate but the order), customer bob (payment
 * declined: release stock), a damaged SKU (deduction failed: void payment, release stock).
 */
final class Workload {

    private final double failureShare;

    Workload(double failureShare) {
        this.failureShare = failureShare;
    }

    /** The body of order number {@code n} (0-based); the same n always gives the same order. */
    String order(long n) {
        long customer = n % BenchDatabase.CUSTOMERS + 1;
        long sku = (n * 37) % BenchDatabase.SKUS + 1;
        if (failureAt(n)) {
            long failures = (long) Math.floor(n * failureShare);
            return switch ((int) (failures % 3)) {
                case 0 -> body("bench-" + customer, "SKU-RARE");
                case 1 -> body("bob", "SKU-BENCH-" + sku);
                default -> body("bench-" + customer, "SKU-DAMAGED");
            };
        }
        return body("bench-" + customer, "SKU-BENCH-" + sku);
    }

    /** True for about {@code failureShare} of all n, evenly spread: where n * share crosses a whole number. */
    boolean failureAt(long n) {
        return failureShare > 0 && Math.floor((n + 1) * failureShare) > Math.floor(n * failureShare);
    }

    private static String body(String customer, String sku) {
        return "{\"customerId\":\"" + customer + "\",\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":1}]}";
    }
}
