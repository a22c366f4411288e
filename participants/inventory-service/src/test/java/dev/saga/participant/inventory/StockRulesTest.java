package dev.saga.participant.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saga.contract.order.OrderLine;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class StockRulesTest {

    @Test
    void demandAddsUpLinesOfTheSameSkuAndSortsBySku() {
        var demand = StockRules.demand(List.of(new OrderLine("SKU-MUG", 1), new OrderLine("SKU-BOOK", 2),
                new OrderLine("SKU-MUG", 3)));

        assertThat(demand).containsExactly(Map.entry("SKU-BOOK", 2), Map.entry("SKU-MUG", 4));
    }

    @Test
    void anOrderWithoutLinesDemandsNothing() {
        assertThat(StockRules.demand(null)).isEmpty();
    }

    @Test
    void enoughStockOnHandIsNoShortage() {
        var demand = StockRules.demand(List.of(new OrderLine("SKU-BOOK", 2)));

        assertThat(StockRules.shortage(demand, Map.of("SKU-BOOK", 2))).isEmpty();
    }

    @Test
    void tooLittleOnHandNamesTheSkuAndBothQuantities() {
        var demand = StockRules.demand(List.of(new OrderLine("SKU-BOOK", 1), new OrderLine("SKU-RARE", 1)));

        assertThat(StockRules.shortage(demand, Map.of("SKU-BOOK", 10, "SKU-RARE", 0)))
                .contains(new Refusal("SKU-RARE", "SKU-RARE: 0 on hand, 1 requested"));
    }

    @Test
    void anUnknownSkuIsShort() {
        var demand = StockRules.demand(List.of(new OrderLine("SKU-NOPE", 1)));

        assertThat(StockRules.shortage(demand, Map.of()))
                .contains(new Refusal("SKU-NOPE", "SKU-NOPE is an unknown SKU"));
    }

    @Test
    void aQuantityThatIsNotPositiveIsRefused() {
        var demand = StockRules.demand(List.of(new OrderLine("SKU-BOOK", 0)));

        assertThat(StockRules.shortage(demand, Map.of("SKU-BOOK", 5)))
                .contains(new Refusal("SKU-BOOK", "SKU-BOOK: quantity 0 is not positive"));
    }

    @Test
    void theFirstUnpickableSkuInSkuOrderIsNamedWithItsStatus() {
        var status = new TreeMap<>(Map.of("SKU-BOOK", "OK", "SKU-RECOUNT", "RECOUNT", "SKU-DAMAGED", "DAMAGED"));

        assertThat(StockRules.unpickable(status))
                .contains(new Refusal("SKU-DAMAGED", "SKU-DAMAGED is not pickable: DAMAGED"));
    }

    @Test
    void stockInGoodConditionIsPickable() {
        assertThat(StockRules.unpickable(new TreeMap<>(Map.of("SKU-BOOK", "OK")))).isEmpty();
    }
}
