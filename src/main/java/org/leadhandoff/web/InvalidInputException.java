package org.leadhandoff.web;

import java.util.List;

/** Input that breaks a rule; answered with 400 and one entry per bad field. Nothing is stored. */
public class InvalidInputException extends RuntimeException {

    private final transient List<FieldProblem> problems;

    public InvalidInputException(List<FieldProblem> problems) {
        super(problems.isEmpty() ? "invalid input" : problems.get(0).field() + ": " + problems.get(0).message());
        this.problems = List.copyOf(problems);
    }

    public InvalidInputException(String field, Object value, String message) {
        this(List.of(new FieldProblem(field, value, message)));
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
