package org.leadhandoff.web;

/** The request clashes with the current state, e.g. a task that changed meanwhile: 409. */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
