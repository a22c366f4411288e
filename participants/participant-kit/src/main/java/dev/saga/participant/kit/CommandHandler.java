package dev.saga.participant.kit;

import java.io.Serializable;

/**
 * Handles one command and returns its reply: {@code R} is the reply type the command declares
 * ({@link dev.saga.contract.Command}), so returning another command's reply does not compile.
 *
 * <p>Serializable only so that the kit can read, when the participant is built, which method a lambda or method
 * reference calls and what it returns ({@link HandlerSignature}): a handler that slipped past the compiler (raw
 * types, an unchecked cast) is refused at start-up, naming itself. Nothing is ever serialized.
 *
 * @param <C> the command
 * @param <R> its reply type
 */
@FunctionalInterface
public interface CommandHandler<C, R> extends Serializable {

    R handle(C command);
}
