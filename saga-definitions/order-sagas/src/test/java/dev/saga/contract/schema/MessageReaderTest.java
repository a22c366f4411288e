package dev.saga.contract.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.saga.contract.Contracts;
import dev.saga.contract.Default;
import dev.saga.contract.Nullable;
import dev.saga.contract.order.RejectOrder;
import dev.saga.definition.MessageTypes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tolerant reader that still refuses what breaks the schema, with the reason. */
class MessageReaderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MessageReader CONTRACTS = new MessageReader(JSON, Contracts.TYPES, Contracts.UPCASTERS);

    record Refund(UUID orderId, long amountCents, @Default("EUR") String currency, @Default("1") int instalments,
                  @Nullable String note) {
    }

    @TempDir
    Path schemas;

    @Test
    void fillsTheDefaultsOfAbsentOptionalFieldsAndLeavesNullablesEmpty() {
        UUID orderId = UUID.randomUUID();

        Object read = refunds().read("schema.Refund", 1, body("{\"orderId\":\"" + orderId + "\",\"amountCents\":5}"));

        assertThat(read).isEqualTo(new Refund(orderId, 5, "EUR", 1, null));
    }

    @Test
    void keepsOptionalFieldsThatArePresent() {
        UUID orderId = UUID.randomUUID();

        Object read = refunds().read("schema.Refund", 1, body("{\"orderId\":\"" + orderId
                + "\",\"amountCents\":5,\"currency\":\"CHF\",\"instalments\":3,\"note\":\"late\"}"));

        assertThat(read).isEqualTo(new Refund(orderId, 5, "CHF", 3, "late"));
    }

    @Test
    void ignoresFieldsItDoesNotKnow() {
        UUID orderId = UUID.randomUUID();

        Object read = CONTRACTS.read("order.RejectOrder", 1,
                body("{\"orderId\":\"" + orderId + "\",\"reason\":\"no stock\",\"channel\":\"web\"}"));

        assertThat(read).isEqualTo(new RejectOrder(orderId, "no stock"));
    }

    @Test
    void refusesAMessageWithoutARequiredFieldNamingTheField() {
        assertThatThrownBy(() -> CONTRACTS.read("payment.AuthorizePayment", 2,
                body("{\"orderId\":\"" + UUID.randomUUID() + "\",\"amountCents\":5,\"currency\":\"EUR\"}")))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessage("payment.AuthorizePayment v2 does not match its schema: "
                        + "$: required property 'accountId' not found");
    }

    @Test
    void refusesAFieldOfTheWrongTypeOrFormat() {
        assertThatThrownBy(() -> CONTRACTS.read("inventory.ReserveStock", 1,
                body("{\"orderId\":\"not-a-uuid\",\"lines\":[{\"sku\":\"SKU-1\",\"quantity\":\"two\"}]}")))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("$.orderId: does not match the uuid pattern")
                .hasMessageContaining("$.lines[0].quantity: string found, integer expected");
    }

    @Test
    void refusesNullInARequiredFieldAndAcceptsItInANullableOne() {
        UUID orderId = UUID.randomUUID();

        assertThat(CONTRACTS.read("order.RejectOrder", 1, body("{\"orderId\":\"" + orderId + "\",\"reason\":null}")))
                .isEqualTo(new RejectOrder(orderId, null));
        assertThatThrownBy(() -> CONTRACTS.read("order.RejectOrder", 1, body("{\"orderId\":null}")))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining("$.orderId: null found");
    }

    @Test
    void refusesWhatIsNotJsonAnUnknownTypeAndAVersionBelowOne() {
        assertThatThrownBy(() -> CONTRACTS.read("order.ApproveOrder", 1, body("{not json")))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageStartingWith("Body of order.ApproveOrder is not JSON");
        assertThatThrownBy(() -> CONTRACTS.read("order.ApproveOrder", 1, body("")))
                .isInstanceOf(InvalidMessageException.class).hasMessage("Body of order.ApproveOrder is empty");
        assertThatThrownBy(() -> CONTRACTS.read("nobody.KnowsThis", 1, body("{}")))
                .isInstanceOf(InvalidMessageException.class).hasMessage("Unknown message type 'nobody.KnowsThis'");
        assertThatThrownBy(() -> CONTRACTS.read("order.ApproveOrder", 0, body("{}")))
                .isInstanceOf(InvalidMessageException.class).hasMessage("order.ApproveOrder has no version 0");
    }

    @Test
    void refusesANewerVersionThatLacksAFieldThisReaderRequires() {
        assertThatThrownBy(() -> CONTRACTS.read("order.ApproveOrder", 2, body("{\"order\":\"" + UUID.randomUUID()
                + "\"}")))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessage("order.ApproveOrder v2 (read as v1) does not match its schema: "
                        + "$: required property 'orderId' not found");
    }

    private MessageReader refunds() {
        return new MessageReader(JSON, MessageTypes.of(List.of(Refund.class)), Upcasters.none(),
                TestSchemas.releasing(schemas, Refund.class));
    }

    private static byte[] body(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
