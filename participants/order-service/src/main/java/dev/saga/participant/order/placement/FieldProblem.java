package dev.saga.participant.order.placement;

/** What is wrong with one field of a request, named by its path, e.g. {@code lines[0].sku}. */
public record FieldProblem(String field, String message) {
}
