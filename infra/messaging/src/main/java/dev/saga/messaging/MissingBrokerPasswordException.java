package dev.saga.messaging;

/** A service's broker password names an environment variable that is not set (see {@link BrokerPasswordCheck}). */
public class MissingBrokerPasswordException extends IllegalStateException {

    private final String variable;
    private final String user;

    MissingBrokerPasswordException(String variable, String user) {
        super("Set " + variable + " (or run with the demo profile): the broker password of user " + user
                + " has no default outside it");
        this.variable = variable;
        this.user = user;
    }

    /** The environment variable the password is read from. */
    public String variable() {
        return variable;
    }

    public String user() {
        return user;
    }
}
