package dev.saga.contract;

/**
 * A command, and the replies it may get: {@code R} is a sealed interface nested in the command that exactly its
 * replies implement (or the one reply record itself), so the command's record says in one place what can answer it.
 *
 * <pre>{@code
 * public record ReserveStock(UUID orderId, List<OrderLine> lines) implements Command<ReserveStock.Reply> {
 *     public sealed interface Reply permits StockReserved, StockUnavailable {
 *     }
 * }
 * public record StockReserved(UUID orderId) implements ReserveStock.Reply {
 * }
 * }</pre>
 *
 * <p>The participant kit takes a handler for such a command only if it returns {@code R}, so a handler returning
 * another command's reply does not compile; a saga step that sends the command must expect exactly these replies
 * (checked when its definition is built). The interface carries no fields: the message on the wire, and its
 * schema, are the record's components alone.
 *
 * @param <R> the command's replies: a sealed interface its reply records implement, or a single reply record
 */
public interface Command<R> {
}
