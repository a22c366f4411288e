package dev.saga.definition;

import dev.saga.contract.MessageVersion;
import dev.saga.contract.Notification;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The registry of message records that may travel, keyed by their type name.
 *
 * <p>A type name is the owner (the last segment of the record's package) and the record's simple name,
 * e.g. {@code inventory.ReserveStock}; it travels in the {@code type} header. Routing keys use the
 * kebab-case form, e.g. {@code inventory.reserve-stock}.
 */
public final class MessageTypes {

    // Names are asked for on every message sent and received; computed once per record class.
    private static final ClassValue<String> NAMES = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            return ownerOf(type) + "." + type.getSimpleName();
        }
    };
    private static final ClassValue<String> KEBAB_NAMES = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            return type.getSimpleName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
        }
    };
    private static final ClassValue<Integer> VERSIONS = new ClassValue<>() {
        @Override
        protected Integer computeValue(Class<?> type) {
            MessageVersion version = type.getAnnotation(MessageVersion.class);
            return version == null ? 1 : version.value();
        }
    };

    private static final ClassValue<Boolean> NOTIFICATIONS = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return type.isAnnotationPresent(Notification.class);
        }
    };

    private final Map<String, Class<?>> byName = new LinkedHashMap<>();

    private MessageTypes(Collection<Class<?>> types) {
        for (Class<?> type : types) {
            if (!type.isRecord()) {
                throw new IllegalArgumentException(type.getName() + " is not a record");
            }
            if (versionOf(type) < 1) {
                throw new IllegalArgumentException(type.getName() + " has a version below 1");
            }
            Class<?> previous = byName.putIfAbsent(nameOf(type), type);
            if (previous != null && previous != type) {
                throw new IllegalArgumentException("Two message types named " + nameOf(type) + ": "
                        + previous.getName() + " and " + type.getName()
                        + "; a type name is the last package segment and the simple name, so rename one record"
                        + " or move it to a package of its own owner");
            }
        }
    }

    public static MessageTypes of(Collection<Class<?>> types) {
        return new MessageTypes(types);
    }

    /** Merges registries, e.g. the shipped contracts and a service's own events; a record in both counts once. */
    public MessageTypes with(MessageTypes other) {
        var all = new java.util.ArrayList<Class<?>>(byName.values());
        all.addAll(other.byName.values());
        return new MessageTypes(all);
    }

    public Optional<Class<?>> find(String typeName) {
        return Optional.ofNullable(byName.get(typeName));
    }

    public boolean contains(Class<?> type) {
        return byName.get(nameOf(type)) == type;
    }

    /** Every registered record, in registration order. */
    public Collection<Class<?>> all() {
        return java.util.Collections.unmodifiableCollection(byName.values());
    }

    /** The current version of the record's schema: its {@link MessageVersion}, or 1 without one. */
    public static int versionOf(Class<?> type) {
        return VERSIONS.get(type);
    }

    /**
     * Whether the record is a {@link Notification}: published without {@code mandatory}, since nobody listening
     * is normal. Everything else must reach a queue.
     */
    public static boolean isNotification(Class<?> type) {
        return NOTIFICATIONS.get(type);
    }

    /** {@code inventory.ReserveStock} for {@code dev.saga.contract.inventory.ReserveStock}. */
    public static String nameOf(Class<?> type) {
        return NAMES.get(type);
    }

    /** The last segment of the record's package: the service that owns the contract. */
    public static String ownerOf(Class<?> type) {
        String pkg = type.getPackageName();
        return pkg.substring(pkg.lastIndexOf('.') + 1);
    }

    /**
     * The routing key of a domain event on {@code saga.events}: owner and kebab-case name without the owner's
     * prefix, e.g. {@code order.created} for {@code order.OrderCreated}.
     */
    public static String eventRoutingKey(Class<?> event) {
        String owner = ownerOf(event);
        String name = kebab(event);
        return owner + "." + (name.startsWith(owner + "-") ? name.substring(owner.length() + 1) : name);
    }

    /** {@code reserve-stock} for {@code ReserveStock}. */
    public static String kebab(Class<?> type) {
        return KEBAB_NAMES.get(type);
    }
}
