package dev.saga.definition;

import dev.saga.contract.Command;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The replies a command declares through {@link Command}: its reply type {@code R} and the records that may answer
 * it (the records permitted by {@code R}, through sealed sub-interfaces too, or {@code R} itself when it is a
 * record). A declaration that leaves the list open (an unsealed interface, a type variable) is refused: what may
 * answer a command must be known when the code is compiled, not discovered from a running saga.
 *
 * @param command the command record
 * @param replyType {@code R} as declared
 * @param replies every record that may answer the command, in the order {@code R} permits them
 */
public record CommandReplies(Class<?> command, Class<?> replyType, List<Class<?>> replies) {

    public CommandReplies {
        replies = List.copyOf(replies);
    }

    /** The replies the command declares; empty when it does not implement {@link Command}. */
    public static Optional<CommandReplies> of(Class<?> command) {
        Optional<Type> declared = declaredReplyType(command);
        if (declared.isEmpty()) {
            return Optional.empty();
        }
        if (!(declared.get() instanceof Class<?> replyType)) {
            throw new IllegalStateException(command.getName() + " implements Command<" + declared.get().getTypeName()
                    + ">: name its replies as a class, e.g. Command<" + command.getSimpleName() + ".Reply>");
        }
        List<Class<?>> replies = new ArrayList<>();
        collect(command, replyType, replies);
        return Optional.of(new CommandReplies(command, replyType, replies));
    }

    /** Whether {@code reply} may answer the command. */
    public boolean allows(Class<?> reply) {
        return replies.contains(reply);
    }

    /** The replies' simple names, e.g. {@code StockReserved, StockUnavailable}, for messages that list them. */
    public String names() {
        return replies.stream().map(Class::getSimpleName).collect(Collectors.joining(", "));
    }

    private static Optional<Type> declaredReplyType(Class<?> type) {
        for (Type implemented : type.getGenericInterfaces()) {
            if (implemented instanceof ParameterizedType parameterized && parameterized.getRawType() == Command.class) {
                return Optional.of(parameterized.getActualTypeArguments()[0]);
            }
            if (implemented == Command.class) {
                throw new IllegalStateException(type.getName() + " implements the raw Command: declare its replies, "
                        + "e.g. Command<" + type.getSimpleName() + ".Reply>");
            }
        }
        return Optional.empty();
    }

    private static void collect(Class<?> command, Class<?> type, List<Class<?>> replies) {
        if (type.isRecord()) {
            replies.add(type);
        } else if (type.isInterface() && type.isSealed()) {
            for (Class<?> permitted : type.getPermittedSubclasses()) {
                collect(command, permitted, replies);
            }
        } else {
            throw new IllegalStateException(command.getName() + " declares its replies as " + type.getName()
                    + ", which leaves them open: make it a sealed interface that permits exactly the reply records,"
                    + " or the one reply record itself");
        }
    }
}
