package dev.saga.contract.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.saga.contract.MessageVersion;
import dev.saga.definition.MessageTypes;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Upcasters bring a message of any older version to the current record, one version at a time, in order. */
class UpcasterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Version 1: {@code (UUID parcelId, String address)}; version 2 split the address. */
    record ParcelV2(UUID parcelId, String street, String city) {
    }

    /** Version 3 added the required weight; parcels of earlier versions weighed a kilo. */
    @MessageVersion(3)
    record Parcel(UUID parcelId, String street, String city, int grams) {
    }

    record ParcelV1(UUID parcelId, String address) {
    }

    @TempDir
    Path schemas;

    @Test
    void anAuthorizationOfVersionOneGetsTheCurrencyItMeant() {
        ObjectNode versionOne = JSON.createObjectNode().put("orderId", UUID.randomUUID().toString())
                .put("accountId", "alice").put("amountCents", 2500);

        ObjectNode upcast = dev.saga.contract.payment.AuthorizePayment.FROM_V1.change().apply(versionOne.deepCopy());

        assertThat(upcast).isEqualTo(versionOne.deepCopy().put("currency", "EUR"));
    }

    @Test
    void aMessageTwoVersionsOldPassesThroughEveryUpcasterInOrder() throws Exception {
        MessageReader reader = parcelReader();
        UUID parcelId = UUID.randomUUID();

        Object read = reader.read("schema.Parcel", 1,
                JSON.writeValueAsBytes(new ParcelV1(parcelId, "Hauptstrasse 1, Bern")));

        assertThat(read).isEqualTo(new Parcel(parcelId, "Hauptstrasse 1", "Bern", 1000));
    }

    @Test
    void aMessageOneVersionOldPassesOnlyThroughTheLastUpcaster() throws Exception {
        UUID parcelId = UUID.randomUUID();

        Object read = parcelReader().read("schema.Parcel", 2,
                JSON.writeValueAsBytes(new ParcelV2(parcelId, "Hauptstrasse 1", "Bern")));

        assertThat(read).isEqualTo(new Parcel(parcelId, "Hauptstrasse 1", "Bern", 1000));
    }

    @Test
    void aCurrentMessageIsNotUpcast() throws Exception {
        Parcel parcel = new Parcel(UUID.randomUUID(), "Hauptstrasse 1", "Bern", 2500);

        assertThat(parcelReader().read("schema.Parcel", 3, JSON.writeValueAsBytes(parcel))).isEqualTo(parcel);
    }

    private MessageReader parcelReader() {
        TestSchemas.store(schemas, "schema.Parcel", 1, ParcelV1.class);
        TestSchemas.store(schemas, "schema.Parcel", 2, ParcelV2.class);
        TestSchemas.store(schemas, "schema.Parcel", 3, Parcel.class);
        Upcasters upcasters = Upcasters.of(List.of(
                Upcaster.from(Parcel.class, 2, json -> json.put("grams", 1000)),
                Upcaster.from(Parcel.class, 1, json -> {
                    String[] address = json.remove("address").asText().split(", ");
                    return json.put("street", address[0]).put("city", address[1]);
                })));
        return new MessageReader(JSON, MessageTypes.of(List.of(Parcel.class)), upcasters,
                ReleasedSchemas.in(schemas));
    }
}
