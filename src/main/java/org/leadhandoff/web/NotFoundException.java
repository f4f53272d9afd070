package org.leadhandoff.web;

/** The thing asked for does not exist (or the caller may not know it exists): 404. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
