package org.leadhandoff.web;

/** One bad input field: which field, the value given, and what is allowed. */
public record FieldProblem(String field, Object value, String message) {
}
