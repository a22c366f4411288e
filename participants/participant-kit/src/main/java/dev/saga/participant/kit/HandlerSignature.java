package dev.saga.participant.kit;

import java.lang.invoke.MethodHandleInfo;
import java.lang.invoke.MethodType;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Optional;

/**
 * What a {@link CommandHandler} is, as start-up messages name it, and the return type it was compiled with. A
 * lambda or method reference is read from its {@link SerializedLambda} (the method it calls); a class of its own
 * from its {@code handle} method. Erased generics mean nothing else knows, at start-up, what a lambda returns.
 *
 * @param name e.g. {@code Warehouse::reserve}, or {@code a lambda in InventoryConfiguration.participant}
 * @param returnType the handler's declared return type, when it can be read
 */
record HandlerSignature(String name, Optional<Class<?>> returnType) {

    static HandlerSignature of(CommandHandler<?, ?> handler) {
        return serializedForm(handler).map(lambda -> fromLambda(handler, lambda)).orElseGet(() -> fromClass(handler));
    }

    private static Optional<SerializedLambda> serializedForm(Object handler) {
        try {
            Method writeReplace = handler.getClass().getDeclaredMethod("writeReplace");
            writeReplace.setAccessible(true);
            return Optional.of(writeReplace.invoke(handler)).filter(SerializedLambda.class::isInstance)
                    .map(SerializedLambda.class::cast);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static HandlerSignature fromLambda(Object handler, SerializedLambda lambda) {
        String implClass = lambda.getImplClass().replace('/', '.');
        String simpleClass = implClass.substring(implClass.lastIndexOf('.') + 1).replace('$', '.');
        String method = lambda.getImplMethodName();
        String name = method.startsWith("lambda$")
                ? "a lambda in " + simpleClass + "." + method.split("\\$")[1]
                : simpleClass + "::" + (lambda.getImplMethodKind() == MethodHandleInfo.REF_newInvokeSpecial
                        ? "new" : method);
        ClassLoader loader = handler.getClass().getClassLoader();
        try {
            Class<?> returned = lambda.getImplMethodKind() == MethodHandleInfo.REF_newInvokeSpecial
                    ? Class.forName(implClass, false, loader)
                    : MethodType.fromMethodDescriptorString(lambda.getImplMethodSignature(), loader).returnType();
            return new HandlerSignature(name, Optional.of(returned));
        } catch (ClassNotFoundException | TypeNotPresentException e) {
            return new HandlerSignature(name, Optional.empty());
        }
    }

    /** A handler class: its {@code handle} method as written (the compiler's bridge returns Object). */
    private static HandlerSignature fromClass(Object handler) {
        Class<?> type = handler.getClass();
        String name = type.isAnonymousClass() ? "an anonymous class in " + type.getEnclosingClass().getSimpleName()
                : type.getSimpleName();
        Optional<Class<?>> returned = Arrays.stream(type.getMethods())
                .filter(m -> m.getName().equals("handle") && m.getParameterCount() == 1 && !m.isBridge())
                .<Class<?>>map(Method::getReturnType)
                .findFirst();
        return new HandlerSignature(name, returned);
    }
}
