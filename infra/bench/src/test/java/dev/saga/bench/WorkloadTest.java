package dev.saga.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class WorkloadTest {

    @Test
    void sendsTheConfiguredShareDownTheThreeFailurePathsInTurn() {
        Workload workload = new Workload(0.1);

        List<String> orders = LongStream.range(0, 300).mapToObj(workload::order).toList();

        assertThat(orders.stream().filter(o -> o.contains("SKU-RARE"))).hasSize(10);
        assertThat(orders.stream().filter(o -> o.contains("\"bob\""))).hasSize(10);
        assertThat(orders.stream().filter(o -> o.contains("SKU-DAMAGED"))).hasSize(10);
        assertThat(orders.stream().filter(o -> o.contains("SKU-BENCH-") && o.contains("bench-"))).hasSize(270);
    }

    @Test
    void withoutAFailureShareEveryOrderTakesTheHappyPath() {
        Workload workload = new Workload(0);

        assertThat(LongStream.range(0, 1000).mapToObj(workload::order))
                .allMatch(o -> o.contains("SKU-BENCH-") && o.contains("\"bench-"));
    }

    @Test
    void spreadsOrdersOverEverySkuAndCustomer() {
        Workload workload = new Workload(0);

        List<String> orders = LongStream.range(0, 100).mapToObj(workload::order).toList();

        for (int i = 1; i <= BenchDatabase.SKUS; i++) {
            String sku = "\"SKU-BENCH-" + i + "\"";
            assertThat(orders).anyMatch(o -> o.contains(sku));
        }
        for (int i = 1; i <= BenchDatabase.CUSTOMERS; i++) {
            String customer = "\"bench-" + i + "\"";
            assertThat(orders).anyMatch(o -> o.contains(customer));
        }
    }
}
