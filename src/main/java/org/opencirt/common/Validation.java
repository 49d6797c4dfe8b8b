package org.opencirt.common;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects field problems while a service checks its input, then throws them all at once,
 * so that a user fixes a form (or an import row) in one pass instead of one error at a time.
 */
public final class Validation {

    private final List<FieldProblem> problems = new ArrayList<>();

    public Validation require(boolean condition, String field, String message) {
        if (!condition) {
            problems.add(new FieldProblem(field, message));
        }
        return this;
    }

    public Validation requireText(String value, String field, int maxLength) {
        if (value == null || value.isBlank()) {
            problems.add(new FieldProblem(field, "must not be blank"));
        } else if (value.length() > maxLength) {
            problems.add(new FieldProblem(field, "must be at most " + maxLength + " characters"));
        }
        return this;
    }

    public Validation maxLength(String value, String field, int maxLength) {
        if (value != null && value.length() > maxLength) {
            problems.add(new FieldProblem(field, "must be at most " + maxLength + " characters"));
        }
        return this;
    }

    public Validation add(String field, String message) {
        problems.add(new FieldProblem(field, message));
        return this;
    }

    public boolean hasProblems() {
        return !problems.isEmpty();
    }

    public List<FieldProblem> problems() {
        return List.copyOf(problems);
    }

    public void throwIfInvalid() {
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }
}
