package dev.saga.orchestrator.admin;

import java.util.List;

/** A request the admin API refuses before anything runs: 400, listing every field to fix. */
class InvalidInputException extends RuntimeException {

    private final List<FieldProblem> problems;

    InvalidInputException(String summary, List<FieldProblem> problems) {
        super(summary);
        this.problems = List.copyOf(problems);
    }

    List<FieldProblem> problems() {
        return problems;
    }
}
