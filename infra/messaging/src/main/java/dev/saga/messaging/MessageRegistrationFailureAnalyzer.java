package dev.saga.messaging;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Says at start-up which message types cannot be read and which bean or command fixes it, without a stack trace. */
public class MessageRegistrationFailureAnalyzer extends AbstractFailureAnalyzer<MessageRegistrationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MessageRegistrationException cause) {
        return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
    }
}
