package dev.saga.messaging;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Says at start-up which variable the broker password is missing from, instead of a stack trace. */
public class MissingBrokerPasswordFailureAnalyzer extends AbstractFailureAnalyzer<MissingBrokerPasswordException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MissingBrokerPasswordException cause) {
        return new FailureAnalysis("The broker password of user " + cause.user() + " comes from "
                + cause.variable() + ", which is not set; outside the demo profile it has no default.",
                "Set " + cause.variable() + " (or run with the demo profile: --spring.profiles.active=demo).",
                cause);
    }
}
