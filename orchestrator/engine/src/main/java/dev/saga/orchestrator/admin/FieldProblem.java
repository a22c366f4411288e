package dev.saga.orchestrator.admin;

/** One thing wrong with a request: the field, parameter or header by name (a path for nested fields), and why. */
public record FieldProblem(String field, String message) {
}
