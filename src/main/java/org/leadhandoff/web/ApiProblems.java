package org.leadhandoff.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Answers every API error as RFC 9457 problem details; a 400 lists each bad field with the value
 * given and what is allowed. Pages answer with pages instead (see {@link PageErrors}).
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiProblems extends ResponseEntityExceptionHandler {

    @ExceptionHandler(InvalidInputException.class)
    ProblemDetail invalid(InvalidInputException e) {
        return badRequest(e.problems());
    }

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(ConflictException.class)
    ProblemDetail conflict(ConflictException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }

    @ExceptionHandler(AccessDeniedException.class)
    ProblemDetail forbidden(AccessDeniedException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
    }

    @ExceptionHandler(BodyTooLargeException.class)
    ProblemDetail tooLarge(BodyTooLargeException e) {
        return tooLargeProblem(e);
    }

    private static ProblemDetail tooLargeProblem(BodyTooLargeException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE, e.getMessage());
        problem.setProperty("limit", e.limit());
        return problem;
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> problems = e.getBindingResult().getFieldErrors().stream()
                .map(f -> new FieldProblem(f.getField(), f.getRejectedValue(), f.getDefaultMessage()))
                .toList();
        return ResponseEntity.badRequest().body(badRequest(problems));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        // Jackson's own exception names the field; the one beneath it (e.g. a DateTimeParseException) does not
        Throwable cause = e.getMostSpecificCause();
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof BodyTooLargeException tooLarge) {
                return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(tooLargeProblem(tooLarge));
            }
        }
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof JsonMappingException) {
                cause = t;
                break;
            }
        }
        return ResponseEntity.badRequest().body(badRequest(List.of(unreadable(cause))));
    }

    static FieldProblem unreadable(Throwable cause) {
        if (cause instanceof UnrecognizedPropertyException u) {
            return new FieldProblem(path(u), null, "is not a known field");
        }
        if (cause instanceof InvalidFormatException f) {
            return new FieldProblem(path(f), f.getValue(), "must be " + describe(f.getTargetType()));
        }
        if (cause instanceof MismatchedInputException m) {
            String field = path(m);
            return field == null ? new FieldProblem(null, null, "The body must be " + describe(m.getTargetType()))
                    : new FieldProblem(field, null, "must be " + describe(m.getTargetType()));
        }
        if (cause instanceof JsonMappingException m && m.getCause() instanceof InputCoercionException c) {
            return new FieldProblem(path(m), null, "must be " + describe(c.getTargetType()) + " in range");
        }
        if (cause instanceof InputCoercionException c) {
            // a number too large for its field: the parser still knows which field it was reading
            JsonParser parser = c.getProcessor();
            String field = parser == null ? null : parser.getParsingContext().getCurrentName();
            return new FieldProblem(field, null, "must be " + describe(c.getTargetType()) + " in range");
        }
        if (cause instanceof JsonProcessingException j) {
            return new FieldProblem(null, null, "The body is not valid JSON: " + j.getOriginalMessage());
        }
        return new FieldProblem(null, null, "The body is missing or unreadable");
    }

    private static String path(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        return path.isEmpty() ? null : path;
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == java.time.Instant.class) {
            return "an ISO-8601 instant such as 2026-11-22T09:30:00Z";
        }
        if (type == java.time.LocalDate.class) {
            return "an ISO date such as 2026-12-24";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (java.util.Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "a JSON object";
        }
        return "a " + type.getSimpleName();
    }

    private static ProblemDetail badRequest(List<FieldProblem> problems) {
        String detail = problems.stream()
                .map(p -> p.field() == null ? p.message() : p.field() + " " + p.message())
                .collect(Collectors.joining("; "));
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setTitle("Invalid input");
        problem.setProperty("errors", problems);
        return problem;
    }
}
