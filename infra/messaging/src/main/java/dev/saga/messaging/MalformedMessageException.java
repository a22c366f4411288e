package dev.saga.messaging;

/** A message that cannot be understood: retrying it cannot help, so it goes straight to its parking queue. */
public class MalformedMessageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MalformedMessageException(String message) {
        super(message);
    }

    public MalformedMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
