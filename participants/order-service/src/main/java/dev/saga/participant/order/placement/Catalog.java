package dev.saga.participant.order.placement;

import java.sql.Array;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code catalog} table: the prices the order service charges. */
@Repository
class Catalog {

    private final JdbcTemplate jdbc;

    Catalog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Price in cents per SKU, for those of {@code skus} that are in the catalog. */
    Map<String, Long> pricesOf(Collection<String> skus) {
        Map<String, Long> prices = new HashMap<>();
        jdbc.query("SELECT sku, price_cents FROM catalog WHERE sku = ANY(?)",
                ps -> {
                    Array array = ps.getConnection().createArrayOf("text", skus.toArray());
                    ps.setArray(1, array);
                },
                rs -> {
                    prices.put(rs.getString(1), rs.getLong(2));
                });
        return prices;
    }
}
