package org.opencirt.common;

/** Thrown when a change clashes with existing data (duplicate name, record still in use); maps to 409. */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
