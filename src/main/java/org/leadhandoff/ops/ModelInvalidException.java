package org.leadhandoff.ops;

import java.util.List;
import java.util.stream.Collectors;

/** The model files break a rule; nothing was deployed or written. */
public class ModelInvalidException extends RuntimeException {

    private final transient List<ModelError> errors;

    ModelInvalidException(List<ModelError> errors) {
        super(errors.stream().map(e -> e.file() + (e.line() == null ? "" : ":" + e.line())
                + (e.elementId() == null ? "" : " " + e.elementId()) + ": " + e.message())
                .collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    public List<ModelError> errors() {
        return errors;
    }
}
