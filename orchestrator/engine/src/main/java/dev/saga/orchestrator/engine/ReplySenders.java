package dev.saga.orchestrator.engine;

import dev.saga.messaging.MessageOrigin;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Who may answer a participant's step. The reply correlation id is derived from the saga id and state, so
 * anyone who saw a saga id can compute it; what nobody can fake is the broker user RabbitMQ checked the reply's
 * {@code user_id} against. A reply counts only when that verified sender is the step's participant's broker user
 * ({@code saga.broker-users.<participant>}, by default the participant's own name) and its routing key
 * ({@code <saga-type>.<participant>.<reply>}, the first one on a retried or replayed copy) names that participant.
 * The same holds for a participant's event that decides a waiting step, under {@code <participant>.<event>}.
 */
@Component
public class ReplySenders {

    static final String PROPERTY = "saga.broker-users";

    private final Map<String, String> users;

    @Autowired
    public ReplySenders(Environment environment) {
        this(Binder.get(environment).bind(PROPERTY, Bindable.mapOf(String.class, String.class)).orElse(Map.of()));
    }

    ReplySenders(Map<String, String> users) {
        this.users = Map.copyOf(users);
    }

    /** The broker user the participant publishes as. */
    public String userOf(String participant) {
        return users.getOrDefault(participant, participant);
    }

    /** Why a reply from {@code origin} does not answer the participant's step of a saga of this type, or null. */
    String refusal(String sagaType, String participant, MessageOrigin origin) {
        return refusal(participant, origin, "reply", sagaType + "." + participant + ".", "<reply>");
    }

    /**
     * Why an event from {@code origin} cannot decide a step waiting for the participant's events, or null: it must
     * come from the participant's broker user, under its own routing keys ({@code <participant>.<event>}).
     */
    String eventRefusal(String participant, MessageOrigin origin) {
        return refusal(participant, origin, "event", participant + ".", "<event>");
    }

    private String refusal(String participant, MessageOrigin origin, String what, String prefix, String rest) {
        String expected = userOf(participant);
        if (!origin.verified()) {
            return what + " has no verified sender (no user_id); " + participant + " publishes as broker user "
                    + expected;
        }
        if (!expected.equals(origin.sender())) {
            return what + " was sent by broker user " + origin.sender() + ", not by " + participant + "'s ("
                    + expected + ")";
        }
        if (origin.routingKey() == null || !origin.routingKey().startsWith(prefix)) {
            return what + "'s routing key " + origin.routingKey() + " does not name " + participant + " (" + prefix
                    + rest + ")";
        }
        return null;
    }
}
