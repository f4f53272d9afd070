package org.leadhandoff.web;

/** A one-line message carried over a redirect: a message key with its arguments, and how it reads. */
public record Flash(Level level, String code, Object... args) implements java.io.Serializable {

    /** {@code success}: it worked; {@code warning}: it did not, and nothing is broken. */
    public enum Level {
        success, warning
    }

    public static final String ATTRIBUTE = "flash";

    public static Flash success(String code, Object... args) {
        return new Flash(Level.success, code, args);
    }

    public static Flash warning(String code, Object... args) {
        return new Flash(Level.warning, code, args);
    }
}
