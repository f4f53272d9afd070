package org.leadhandoff.web;

import java.io.IOException;

/** A request body larger than the application takes; answered with 413 and the limit. */
public class BodyTooLargeException extends IOException {

    private final long limit;

    public BodyTooLargeException(long limit) {
        super("The request body is larger than " + human(limit) + ", the most this call takes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }

    public static String human(long bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MB"
                : bytes % 1024 == 0 ? bytes / 1024 + " KB" : bytes + " bytes";
    }
}
