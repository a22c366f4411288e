package dev.saga.participant.order.placement;

import java.util.List;

/** An order the service refuses as placed, field by field; nothing of it was stored. */
public class InvalidOrderException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<FieldProblem> problems;

    public InvalidOrderException(List<FieldProblem> problems) {
        super("Invalid order: " + problems);
        this.problems = List.copyOf(problems);
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
