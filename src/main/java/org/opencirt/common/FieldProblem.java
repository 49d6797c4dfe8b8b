package org.opencirt.common;

/** One invalid field of an input, with a message a user can act on. */
public record FieldProblem(String field, String message) {
}
