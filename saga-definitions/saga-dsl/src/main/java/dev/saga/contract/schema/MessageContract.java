package dev.saga.contract.schema;

import dev.saga.definition.MessageTypes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * What an application contributes to the messages its processes may send and read: its message records and the
 * upcasters of their older versions. A process merges every contribution into one registry (the messaging
 * library does this for the {@code MessageContract} beans of a Spring application); two records of the same type
 * name are refused, whichever contributions they come from.
 *
 * <pre>{@code
 * @Bean
 * MessageContract loanMessages() {
 *     return MessageContract.scan("com.acme.loans.contract");
 * }
 * }</pre>
 *
 * <p>The schema of every record's current version must be stored as {@code schemas/<type>/v<N>.json} on the
 * classpath; {@link SchemaRelease} writes them.
 */
public final class MessageContract {

    private final MessageTypes types;
    private final Upcasters upcasters;

    private MessageContract(MessageTypes types, Upcasters upcasters) {
        this.types = types;
        this.upcasters = upcasters;
    }

    public static MessageContract of(MessageTypes types, Upcasters upcasters) {
        return new MessageContract(types, upcasters);
    }

    public static MessageContract of(Collection<Class<?>> types, Collection<Upcaster> upcasters) {
        return new MessageContract(MessageTypes.of(types), Upcasters.of(upcasters));
    }

    /** Records without upcasters: every one of them at its first version, or compatible with its older ones. */
    public static MessageContract of(Class<?>... types) {
        return of(List.of(types), List.of());
    }

    public static MessageContract none() {
        return of(List.of(), List.of());
    }

    /**
     * The message records in the packages and their sub-packages, with the upcasters they declare. A message is a
     * public top-level record; a record that other records found here carry as a field (or as the element of a
     * list field) is a value described inside their schemas, not a message, and is left out. An upcaster is a
     * public static {@link Upcaster} field of a message record ({@code AuthorizePayment.FROM_V1}). Records and
     * upcasters come in name order, so a scan gives the same contract on every machine.
     *
     * @throws IllegalArgumentException if a package holds no message record (a misspelt package fails here)
     */
    public static MessageContract scan(String... packages) {
        List<Class<?>> records = new ArrayList<>();
        for (String pkg : packages) {
            records.addAll(ContractScan.messagesIn(pkg));
        }
        return of(records, ContractScan.upcastersOf(records));
    }

    /** One contract of all of them; the same record or upcaster contributed twice counts once. */
    public static MessageContract merge(Collection<MessageContract> contracts) {
        List<Class<?>> types = new ArrayList<>();
        List<Upcaster> upcasters = new ArrayList<>();
        for (MessageContract contract : contracts) {
            types.addAll(contract.types.all());
            upcasters.addAll(contract.upcasters.all());
        }
        return of(types, upcasters);
    }

    public MessageContract with(MessageContract other) {
        return merge(List.of(this, other));
    }

    public MessageTypes types() {
        return types;
    }

    public Upcasters upcasters() {
        return upcasters;
    }

    @Override
    public String toString() {
        return types.all().size() + " message types, " + upcasters.all().size() + " upcasters";
    }
}
