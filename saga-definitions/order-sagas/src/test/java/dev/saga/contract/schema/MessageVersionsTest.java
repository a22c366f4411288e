package dev.saga.contract.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.saga.contract.Contracts;
import dev.saga.contract.payment.AuthorizePayment;
import dev.saga.definition.MessageTypes;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every message type at every released version, between producers and consumers of different ages: an old
 * producer's message is read by the current consumer as the current record, the current producer's message is
 * read by the consumers of every older version, and every record survives a round trip unchanged.
 */
class MessageVersionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final MessageReader CURRENT = new MessageReader(JSON, Contracts.TYPES, Contracts.UPCASTERS);

    static Stream<Arguments> everyTypeAtEveryVersion() {
        return Contracts.TYPES.all().stream().flatMap(message -> IntStream
                .rangeClosed(1, MessageTypes.versionOf(message))
                .mapToObj(version -> Arguments.of(MessageTypes.nameOf(message), version)));
    }

    static Stream<String> everyType() {
        return Contracts.TYPES.all().stream().map(MessageTypes::nameOf);
    }

    @ParameterizedTest(name = "{0} v{1}")
    @MethodSource("everyTypeAtEveryVersion")
    void anOldProducersMessageIsReadAsTheCurrentRecord(String type, int version) throws Exception {
        ObjectNode written = asParsed(SampleMessages.of(released(type, version)));

        Object record = CURRENT.read(type, version, JSON.writeValueAsBytes(written));

        assertThat(record).isInstanceOf(Contracts.TYPES.find(type).orElseThrow());
        ObjectNode current = asParsed(record);
        written.properties().forEach(field -> assertThat(current.get(field.getKey())).as(field.getKey())
                .isEqualTo(field.getValue()));
        assertThat(CURRENT.read(type, currentVersionOf(type), JSON.writeValueAsBytes(record)))
                .as("the upcast record read back at the current version").isEqualTo(record);
    }

    @ParameterizedTest(name = "{0} v{1}")
    @MethodSource("everyTypeAtEveryVersion")
    void theCurrentProducersMessageIsValidForTheConsumersOfEveryVersion(String type, int version) {
        ObjectNode current = SampleMessages.of(
                ReleasedSchemas.onClasspath().find(type, currentVersionOf(type)).orElseThrow());
        JsonSchema consumersSchema = SCHEMAS.getSchema(ReleasedSchemas.onClasspath().find(type, version).orElseThrow());

        // A consumer still at `version` validates against its own schema, then binds ignoring unknown fields.
        assertThat(consumersSchema.validate(current)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyType")
    void aMessageFromANewerProducerWithFieldsThisConsumerDoesNotKnowIsReadTolerantly(String type) throws Exception {
        int current = currentVersionOf(type);
        ObjectNode newer = asParsed(SampleMessages.of(released(type, current)));
        newer.put("addedByALaterVersion", "ignored by this consumer");

        Object record = CURRENT.read(type, current + 1, JSON.writeValueAsBytes(newer));

        newer.remove("addedByALaterVersion");
        assertThat(asParsed(record)).isEqualTo(newer);
    }

    @Test
    void anAuthorizationFromTheCurrentOrchestratorIsReadByAPaymentServiceStillAtVersionOne() throws Exception {
        MessageReader versionOneConsumer = new MessageReader(JSON,
                MessageTypes.of(List.of(dev.saga.contract.schema.legacy.payment.AuthorizePayment.class)),
                Upcasters.none());
        UUID orderId = UUID.randomUUID();
        byte[] versionTwo = JSON.writeValueAsBytes(new AuthorizePayment(orderId, "alice", 2500, "EUR"));

        Object read = versionOneConsumer.read("payment.AuthorizePayment", 2, versionTwo);

        assertThat(read).isEqualTo(new dev.saga.contract.schema.legacy.payment.AuthorizePayment(orderId, "alice",
                2500));
    }

    @Test
    void anAuthorizationFromAVersionOneOrchestratorIsReadByTheCurrentPaymentServiceInEuros() throws Exception {
        UUID orderId = UUID.randomUUID();
        byte[] versionOne = JSON.writeValueAsBytes(new dev.saga.contract.schema.legacy.payment.AuthorizePayment(
                orderId, "alice", 2500));

        Object read = CURRENT.read("payment.AuthorizePayment", 1, versionOne);

        assertThat(read).isEqualTo(new AuthorizePayment(orderId, "alice", 2500, "EUR"));
    }

    /** The tree a consumer parses from the JSON text, so numbers compare by value and not by node class. */
    private static ObjectNode asParsed(Object value) throws Exception {
        return (ObjectNode) JSON.readTree(JSON.writeValueAsString(value));
    }

    private static JsonNode released(String type, int version) {
        return ReleasedSchemas.onClasspath().find(type, version).orElseThrow();
    }

    private static int currentVersionOf(String type) {
        return MessageTypes.versionOf(Contracts.TYPES.find(type).orElseThrow());
    }
}
