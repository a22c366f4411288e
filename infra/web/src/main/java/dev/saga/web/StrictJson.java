package dev.saga.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;

/**
 * How request bodies are read: stricter than the shared {@link ObjectMapper}, which also reads broker messages and
 * stored JSON and stays as it is. A number field takes a JSON number of its kind only (no {@code "1"}, and no
 * {@code 1.9} truncated to 1), a string field a JSON string without NUL (PostgreSQL text cannot hold U+0000),
 * nothing may follow the JSON value, and it may nest at most {@value #MAX_DEPTH} levels deep.
 */
public final class StrictJson {

    public static final int MAX_DEPTH = 32;
    static final String NO_NUL = "must not contain the NUL character (U+0000)";

    private StrictJson() {
    }

    public static ObjectMapper forRequests(ObjectMapper shared) {
        ObjectMapper strict = shared.copy();
        strict.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH)
                .build());
        strict.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        strict.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        for (LogicalType type : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            strict.coercionConfigFor(type).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        strict.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        strict.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        return strict.registerModule(new SimpleModule("strict-strings").addDeserializer(String.class,
                new StrictStrings()));
    }

    /** A string value that broke a rule of its own, such as a NUL in it; the path says where. */
    public static final class RefusedString extends InvalidFormatException {

        private static final long serialVersionUID = 1L;

        RefusedString(JsonParser parser, String reason, String value) {
            super(parser, reason, value, String.class);
        }
    }

    /** Reads only JSON strings (a number or a boolean is not a string here), and none with a NUL in it. */
    private static final class StrictStrings extends StdScalarDeserializer<String> {

        private static final long serialVersionUID = 1L;

        StrictStrings() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return (String) context.handleUnexpectedToken(String.class, parser);
            }
            String value = parser.getText();
            if (value.indexOf('\0') >= 0) {
                throw new RefusedString(parser, NO_NUL, value);
            }
            return value;
        }
    }
}
