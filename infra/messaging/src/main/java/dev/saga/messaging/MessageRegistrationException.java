package dev.saga.messaging;

import java.util.List;

/**
 * A process would use a message type that its registry cannot read: the type is not registered, or its schema is
 * not stored. Thrown while the context starts, so nothing is consumed or sent; the message names every type.
 */
public class MessageRegistrationException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;
    private final String action;

    private MessageRegistrationException(String message, List<String> problems, String action) {
        super(message);
        this.problems = List.copyOf(problems);
        this.action = action;
    }

    static MessageRegistrationException typesUnregistered(String user, List<String> problems, Class<?> example) {
        String bean = "@Bean MessageContract messages() { return " + contractOf(example) + "; }";
        return new MessageRegistrationException(user + " uses message types that no MessageContract bean registers: "
                + String.join("; ", problems) + ". Register them: declare a MessageContract bean, e.g. " + bean + ".",
                problems, "Declare a MessageContract bean that registers these types, e.g. " + bean + ", and store "
                        + "their schemas with " + MessageRegistry.STORE_COMMAND + " in the module that holds the "
                        + "records.");
    }

    /** A scan finds top-level records only; a nested one is registered by name. */
    private static String contractOf(Class<?> example) {
        return example.getEnclosingClass() == null
                ? "MessageContract.scan(\"" + example.getPackageName() + "\")"
                : "MessageContract.of(" + example.getEnclosingClass().getSimpleName() + "."
                        + example.getSimpleName() + ".class, ...)";
    }

    static MessageRegistrationException schemasMissing(List<String> problems) {
        return new MessageRegistrationException("Registered message types have no usable stored schema on the "
                + "classpath: " + String.join("; ", problems) + ". Store them with " + MessageRegistry.STORE_COMMAND
                + ".", problems,
                "Store the schemas in the module that holds the records with " + MessageRegistry.STORE_COMMAND
                        + " (the order contracts: mvn -pl saga-definitions/order-sagas -am compile exec:java), and"
                        + " rebuild, so that "
                        + "schemas/<type>/v<version>.json is packaged with the records.");
    }

    /** One sentence per type, each naming it. */
    public List<String> problems() {
        return problems;
    }

    /** What to do about it, for the start-up failure report. */
    public String action() {
        return action;
    }
}
