package org.opencirt.common;

/** Thrown when a requested record does not exist (or is hidden from the caller); maps to 404. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String what, Object id) {
        super(what + " " + id + " not found");
    }
}
