package dev.saga.contract.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saga.contract.Contracts;
import dev.saga.definition.MessageTypes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build's contract check. On the repository it must find nothing, so every build fails on a message change
 * that would break its readers; on a copy of the schemas made breaking on purpose it must find the break.
 */
class ContractCheckTest {

    private static final ReleasedSchemas REPOSITORY = ReleasedSchemas.in(TestSchemas.REPOSITORY);

    @TempDir
    Path temp;

    @Test
    void everyMessageTypeIsStoredAndCompatibleWithItsPreviousVersion() {
        assertThat(ContractCheck.problems(Contracts.TYPES, Contracts.UPCASTERS, REPOSITORY))
                .isEmpty();
    }

    @Test
    void thePackagedSchemasAreTheOnesInTheRepository() {
        for (Class<?> message : Contracts.TYPES.all()) {
            String type = MessageTypes.nameOf(message);
            for (int version = 1; version <= MessageTypes.versionOf(message); version++) {
                assertThat(ReleasedSchemas.onClasspath().find(type, version)).as(type + " v" + version)
                        .isEqualTo(REPOSITORY.find(type, version));
            }
        }
    }

    @Test
    void failsWhenARecordDropsAFieldOfItsReleasedVersion() throws IOException {
        Path schemas = TestSchemas.copyOfRepository(temp);
        Path released = schemas.resolve("inventory.ReserveStock/v1.json");
        Files.writeString(released, Files.readString(released)
                .replace("\"properties\" : {", "\"properties\" : {\n    \"warehouse\" : { \"type\" : \"string\" },")
                .replace("\"required\" : [ \"orderId\", \"lines\" ]",
                        "\"required\" : [ \"orderId\", \"lines\", \"warehouse\" ]"));

        assertThat(ContractCheck.problems(Contracts.TYPES, Contracts.UPCASTERS, ReleasedSchemas.in(schemas)))
                .containsExactly("inventory.ReserveStock: the record breaks readers of the released v1 "
                        + "[warehouse: required field removed]; raise its @MessageVersion to 2 and add an upcaster "
                        + "from v1");
    }

    @Test
    void failsWhenARecordRetypesAFieldOfItsReleasedVersion() throws IOException {
        Path schemas = TestSchemas.copyOfRepository(temp);
        Path released = schemas.resolve("payment.PaymentDeclined/v1.json");
        Files.writeString(released, Files.readString(released).replaceFirst(
                "\"reason\" : \\{\\s*\"type\" : \"string\"", "\"reason\" : { \"type\" : \"integer\""));

        assertThat(ContractCheck.problems(Contracts.TYPES, Contracts.UPCASTERS, ReleasedSchemas.in(schemas)))
                .containsExactly("payment.PaymentDeclined: the record breaks readers of the released v1 "
                        + "[reason: retyped from [integer] to [string]]; raise its @MessageVersion to 2 and add an "
                        + "upcaster from v1");
    }

    @Test
    void failsWhenANewVersionAddsARequiredFieldWithoutAnUpcaster() {
        assertThat(ContractCheck.problems(Contracts.TYPES, Upcasters.none(), REPOSITORY))
                .containsExactly("payment.AuthorizePayment: v2 cannot read v1 messages "
                        + "[currency: new required field without a default] and there is no upcaster from v1");
    }

    @Test
    void failsWhenTheCurrentVersionIsNotStored() throws IOException {
        Path schemas = TestSchemas.copyOfRepository(temp);
        Files.delete(schemas.resolve("payment.AuthorizePayment/v2.json"));

        assertThat(ContractCheck.problems(Contracts.TYPES, Contracts.UPCASTERS, ReleasedSchemas.in(schemas)))
                .contains("payment.AuthorizePayment: v2 is not stored; store it with " + ContractCheck.STORE_COMMAND);
    }

    @Test
    void failsWhenARecordChangedCompatiblyButItsSchemaWasNotStored() throws IOException {
        Path schemas = TestSchemas.copyOfRepository(temp);
        Path released = schemas.resolve("order.OrderApproved/v1.json");
        Files.writeString(released, Files.readString(released)
                .replace("\"properties\" : {", "\"properties\" : {\n    \"note\" : { \"type\" : \"string\" },"));

        assertThat(ContractCheck.problems(Contracts.TYPES, Contracts.UPCASTERS, ReleasedSchemas.in(schemas)))
                .containsExactly("order.OrderApproved: the record no longer matches the stored v1; store it with "
                        + ContractCheck.STORE_COMMAND);
    }
}
