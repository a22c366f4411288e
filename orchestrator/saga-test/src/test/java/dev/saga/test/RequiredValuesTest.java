package dev.saga.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saga.contract.Nullable;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A null is found wherever the schema requires a value: in fields, nested records and list items. */
class RequiredValuesTest {

    record Line(String sku, @Nullable String note) {
    }

    record Ship(UUID orderId, @Nullable String reason, List<Line> lines) {
    }

    @Test
    void aNullInANullableFieldIsAllowed() {
        assertThat(RequiredValues.firstNullIn(new Ship(UUID.randomUUID(), null, List.of(new Line("SKU", null)))))
                .isNull();
    }

    @Test
    void aNullInARequiredFieldIsNamedByItsPath() {
        assertThat(RequiredValues.firstNullIn(new Ship(null, "late", List.of()))).isEqualTo("Ship.orderId");
        assertThat(RequiredValues.firstNullIn(new Ship(UUID.randomUUID(), null,
                List.of(new Line("SKU", null), new Line(null, "gift"))))).isEqualTo("Ship.lines[1].sku");
    }
}
