package dev.saga.contract.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.saga.contract.Default;
import dev.saga.contract.Nullable;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The checker on deliberately breaking and deliberately harmless changes between two versions of a message. */
class SchemaCompatibilityTest {

    record Line(String sku, int quantity) {
    }

    record Order(UUID orderId, String customer, List<Line> lines, @Nullable String note) {
    }

    record OrderWithoutCustomer(UUID orderId, List<Line> lines, @Nullable String note) {
    }

    record OrderWithNumericCustomer(UUID orderId, long customer, List<Line> lines, @Nullable String note) {
    }

    record OrderWithRequiredChannel(UUID orderId, String customer, List<Line> lines, @Nullable String note,
                                    String channel) {
    }

    record OrderWithRequiredNote(UUID orderId, String customer, List<Line> lines, String note) {
    }

    record TextLine(String sku, String quantity) {
    }

    record OrderWithTextQuantities(UUID orderId, String customer, List<TextLine> lines, @Nullable String note) {
    }

    record OrderWithOptionalAdditions(UUID orderId, String customer, List<Line> lines, @Nullable String note,
                                      @Default("EUR") String currency, @Nullable UUID couponId) {
    }

    record OrderWithoutNote(UUID orderId, String customer, List<Line> lines) {
    }

    @Test
    void aRemovedRequiredFieldBreaksTheReaders() {
        assertThat(changes(Order.class, OrderWithoutCustomer.class))
                .containsExactly("customer: required field removed");
    }

    @Test
    void aRetypedFieldBreaksTheReaders() {
        assertThat(changes(Order.class, OrderWithNumericCustomer.class))
                .containsExactly("customer: retyped from [string] to [integer]");
    }

    @Test
    void aFieldRetypedInsideANestedRecordOfAListBreaksTheReaders() {
        assertThat(changes(Order.class, OrderWithTextQuantities.class))
                .containsExactly("lines[].quantity: retyped from [integer] to [string]");
    }

    @Test
    void aNewRequiredFieldWithoutADefaultBreaksTheReaders() {
        assertThat(changes(Order.class, OrderWithRequiredChannel.class))
                .containsExactly("channel: new required field without a default");
    }

    @Test
    void anOptionalFieldThatBecomesRequiredBreaksTheReaders() {
        assertThat(changes(Order.class, OrderWithRequiredNote.class))
                .containsExactly("note: may no longer be null", "note: optional field became required");
    }

    @Test
    void addingAFieldWithADefaultOrANullableFieldIsCompatible() {
        assertThat(changes(Order.class, OrderWithOptionalAdditions.class)).isEmpty();
    }

    @Test
    void droppingAnOptionalFieldIsCompatible() {
        assertThat(changes(Order.class, OrderWithoutNote.class)).isEmpty();
    }

    @Test
    void anUnchangedSchemaIsCompatible() {
        assertThat(changes(Order.class, Order.class)).isEmpty();
    }

    private static List<String> changes(Class<?> older, Class<?> newer) {
        JsonNode before = SchemaGenerator.schemaOf(older);
        JsonNode after = SchemaGenerator.schemaOf(newer);
        return SchemaCompatibility.breakingChanges(before, after);
    }
}
