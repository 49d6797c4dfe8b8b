package org.opencirt.pipeline;

/**
 * A value that does not fit its harmonised field, with a message naming the field and saying what was expected, so
 * that a quarantined line tells the analyst what to fix.
 */
public final class InvalidValueException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String field;

    public InvalidValueException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    /** The IntelMQ key of the field, such as {@code source.port}. */
    public String field() {
        return field;
    }
}
